import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyTemplates } from '../../scripts/minify-templates.mjs';

test('collapses newlines and indentation in html templates, keeping expressions', () => {
  const source =
    'const t = html`\n  <div>\n    <p class="a">${x ? html`<b>\n  ok</b>` : "}`"} and\n ${y}</p>\n  </div>\n`;';
  assert.equal(
    minifyTemplates(source),
    'const t = html`<div><p class="a">${x ? html`<b> ok</b>` : "}`"} and ${y}</p></div>`;',
  );
});

test('compacts css templates without touching values', () => {
  const source = 'css`\n  .a,\n  .b {\n    margin: calc(var(--x) * 2) 0; /* why */\n    color: red;\n  }\n`';
  assert.equal(minifyTemplates(source), 'css`.a,.b{margin:calc(var(--x) * 2) 0;color:red}`');
});

test('leaves other template literals alone', () => {
  const source = 'const s = `a\n   b`; const h = html`x`;';
  assert.equal(minifyTemplates(source), source);
});
