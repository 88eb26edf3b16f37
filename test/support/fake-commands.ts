/**
 * Test-runner plugin: lets browser tests start and stop their own fake Peliqan
 * (`executeServerCommand('fake-start', options)`), so every test file has a fresh one.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import { startFakePeliqan, type FakePeliqan, type FakePeliqanOptions } from '../../src/fake/index.js';

export function fakePeliqanPlugin(): TestRunnerPlugin {
  const running = new Map<string, FakePeliqan>();
  return {
    name: 'fake-peliqan',
    async executeCommand({ command, payload }) {
      if (command === 'fake-start') {
        const options = (payload ?? {}) as FakePeliqanOptions;
        // A test that names its origins means exactly those: its own page is on localhost, which the
        // fake would otherwise allow as well.
        const fake = await startFakePeliqan({
          allowedOrigins: '*',
          ...options,
          strictOrigins: options.strictOrigins ?? options.allowedOrigins !== undefined,
        });
        running.set(fake.url, fake);
        return { url: fake.url, oauthUrl: fake.oauthUrl };
      }
      if (command === 'fake-stop') {
        const url = (payload as { url: string }).url;
        await running.get(url)?.close();
        running.delete(url);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...running.values()].map((fake) => fake.close()));
    },
  };
}
