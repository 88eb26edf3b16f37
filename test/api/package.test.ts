import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { version } from '../../src/version.js';

test('PeliqanEmbed.version matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(version, pkg.version);
});

test('peliqan-embed/api imports in Node without a DOM (SSR-safe)', async () => {
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  const api = await import('../../src/api/index.js');
  assert.equal(typeof api.PeliqanClient, 'function');
});
