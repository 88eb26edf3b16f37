import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCssTemplates } from '../../scripts/minify-css.mjs';

describe('the CSS minifier of the build', () => {
  test('minifies css`` templates and leaves everything else as it is', () => {
    const source = [
      "import { css, html } from 'lit';",
      '// css`.not { a: template }` in a comment',
      "const text = 'css`.also { not: one }`';",
      'const pattern = /css`[^`]*`/g;',
      'export const styles = css`',
      '  :host {',
      '    display: block;   /* a comment */',
      '    color: var(--x, #ffffff);',
      '  }',
      '`;',
      'export const view = html`<p class="a">  b  </p>`;',
      'const dynamic = css`.a { color: ${"red"}; }`;',
    ].join('\n');
    const out = minifyCssTemplates(source, 'x.ts');
    assert.ok(out.includes('css`:host{display:block;color:var(--x, #ffffff)}`'), out);
    assert.ok(out.includes('// css`.not { a: template }` in a comment'));
    assert.ok(out.includes("'css`.also { not: one }`'"));
    assert.ok(out.includes('/css`[^`]*`/g'));
    assert.ok(out.includes('html`<p class="a">  b  </p>`'), 'HTML templates stay as written');
    assert.ok(out.includes('css`.a { color: ${"red"}; }`'), 'a template with a substitution stays as written');
  });

  test('keeps what the supported browsers read: logical properties, color-mix(), container queries', () => {
    const out = minifyCssTemplates(
      'css`.a { inset-inline-start: 0; background: color-mix(in srgb, red 8%, transparent); } @container (max-width: 30rem) { .b { gap: 0 } }`',
      'y.ts',
    );
    assert.ok(out.includes('inset-inline-start:0'), out);
    assert.ok(out.includes('color-mix(in srgb,red 8%,transparent)'), out);
    assert.ok(out.includes('@container (max-width: 30rem)') || out.includes('@container (max-width:30rem)'), out);
  });
});
