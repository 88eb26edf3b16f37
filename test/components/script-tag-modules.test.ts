import { expect } from '@open-wc/testing';
import { SURFACE } from '../../src/surface.js';
import { MODULES, type ModuleName } from '../../src/script-tag/modules.js';

describe('what the script tag loads for each element (src/script-tag/modules.ts)', () => {
  it('names every element of the public surface, and nothing else by a tag', () => {
    const tags = Object.keys(MODULES).filter((name) => name.startsWith('peliqan-'));
    expect(tags.sort()).to.deep.equal(Object.keys(SURFACE).sort());
  });

  it('loads, for each tag, the module of the element defined under it', async () => {
    for (const tag of Object.keys(SURFACE) as ModuleName[]) {
      const loaded = (await MODULES[tag]()) as Record<string, unknown>;
      const defined = customElements.get(tag);
      expect(defined, tag).to.exist;
      expect(Object.values(loaded), tag).to.include(defined);
    }
  });

  it('gives the core what PeliqanEmbed forwards to, and open() its dialog', async () => {
    const core = await MODULES.core();
    expect(Object.keys(core).sort()).to.deep.equal(['adoptEarly', 'configure', 'registerMessages', 'reset']);
    expect(typeof (await MODULES.open()).open).to.equal('function');
  });
});
