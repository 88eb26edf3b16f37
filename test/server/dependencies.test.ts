import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('what installing peliqan-embed brings along', () => {
  test('only what every entry needs: @lit/react is an optional peer, for peliqan-embed/react alone', () => {
    // Lit (and its base package, whose css tag the connect button uses without the rest of Lit), its
    // own task controller, and zod: nothing else reaches a partner's bundle. (The context protocol is
    // spoken by our own code, which the connect button shares without Lit.)
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@lit/reactive-element', '@lit/task', 'lit', 'zod']);
    assert.ok(manifest.peerDependencies['@lit/react']);
    assert.equal(manifest.peerDependenciesMeta['@lit/react']?.optional, true);
    // The React wrappers are still built and tested here.
    assert.equal(manifest.devDependencies['@lit/react'], manifest.peerDependencies['@lit/react']);
  });

  test('peliqan-embed/server/redis uses the Redis client the app has: redis and ioredis are optional peers', () => {
    for (const client of ['redis', 'ioredis']) {
      assert.ok(manifest.peerDependencies[client], client);
      assert.equal(manifest.peerDependenciesMeta[client]?.optional, true, client);
      // Tested here against a real redis-server.
      assert.ok(manifest.devDependencies[client], client);
    }
  });

  test('importing the elements on a server (React with server rendering) does not throw', async () => {
    const elements = await import('../../src/index.js');
    assert.equal(typeof elements.PeliqanConnectButton, 'function');
    const react = await import('../../src/react/index.js');
    assert.equal(typeof react.PeliqanConnectButton, 'object');
  });
});
