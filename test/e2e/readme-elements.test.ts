/**
 * The README's element reference is what `npm run readme` writes from the build's Custom Elements Manifest:
 * a changed attribute, event, part or description there and a stale README here fail this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { currentReference, withElementsReference } from '../../scripts/readme-elements.js';
import { SURFACE } from '../../src/surface.js';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

test("the README's element reference is the one dist/custom-elements.json makes now", () => {
  const written = readme.split('\n');
  const expected = withElementsReference(readme, currentReference(root)).split('\n');
  const line = expected.findIndex((text, index) => text !== written[index]);
  const where =
    line < 0
      ? 'README.md has more lines'
      : `line ${line + 1} reads\n  ${written[line]}\ninstead of\n  ${expected[line]}`;
  assert.ok(
    line < 0 && written.length === expected.length,
    `README.md's element reference is stale (run \`npm run readme\` after \`npm run build\`): ${where}`,
  );
});

test('the reference has a table for every element of the public surface', () => {
  const missing = Object.keys(SURFACE).filter((tag) => !readme.includes(`### \`<${tag}>\``));
  assert.deepEqual(missing, []);
});
