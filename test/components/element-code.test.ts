import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { PeliqanError } from '../../src/api/errors.js';
import { ElementCode } from '../../src/components/element-code.js';
import { waitFor } from '../support/dom.js';

/** A host whose nested code is `load`, as a connect button's flow or a list's panel is. */
class CodeHost extends LitElement {
  loads = 0;
  reported: PeliqanError[] = [];
  outcomes: (() => Promise<unknown>)[] = [];
  code = new ElementCode(
    this,
    () => {
      this.loads++;
      return this.outcomes.shift()!();
    },
    (error) => this.reported.push(error),
  );
}
customElements.define('element-code-host', CodeHost);

const offline = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /chunks/x.js'));
const arrives = () => Promise.resolve({});

describe('code an element loads on demand (ElementCode)', () => {
  it('loads once when needed; a failure is a network error to show and report, and Retry loads again', async () => {
    const host = await fixture<CodeHost>(html`<element-code-host></element-code-host>`);
    host.outcomes = [offline, arrives];
    expect(host.code.status).to.equal('loading');
    host.code.load();
    await host.code.done;
    await waitFor(() => host.code.status === 'error');
    expect(host.code.error?.code).to.equal('network');
    expect(host.code.error?.message).to.contain('/chunks/x.js');
    expect(host.reported.map((error) => error.code)).to.deep.equal(['network']);
    host.code.load();
    await waitFor(() => host.code.status === 'ready');
    expect(host.code.error).to.equal(undefined);
    host.code.load();
    expect(host.loads, 'loaded code is not loaded again').to.equal(2);
    expect(host.reported).to.have.length(1);
  });

  it('a preload that fails stays quiet; the load that follows tries again and says what happened', async () => {
    const host = await fixture<CodeHost>(html`<element-code-host></element-code-host>`);
    host.outcomes = [offline, offline];
    host.code.preload();
    host.code.preload();
    await host.code.done;
    expect(host.loads, 'one preload at a time').to.equal(1);
    expect(host.code.status, 'nothing to show before it is needed').to.equal('loading');
    expect(host.reported).to.deep.equal([]);
    host.code.load();
    await host.code.done;
    await waitFor(() => host.code.status === 'error');
    expect(host.loads).to.equal(2);
    expect(host.reported.map((error) => error.code)).to.deep.equal(['network']);
  });

  it('a load asked for while a preload runs reports that preload’s failure', async () => {
    const host = await fixture<CodeHost>(html`<element-code-host></element-code-host>`);
    host.outcomes = [offline];
    host.code.preload();
    host.code.load();
    await host.code.done;
    await waitFor(() => host.code.status === 'error');
    expect(host.loads).to.equal(1);
    expect(host.reported).to.have.length(1);
  });
});
