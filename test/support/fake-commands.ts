/**
 * Test-runner plugin: lets browser tests start and stop their own fake Peliqan
 * (`executeServerCommand('fake-start', options)`), so every test file has a fresh one. Beside each fake
 * runs a stand-in for the partner's token endpoint (`tokenEndpoint`): `POST /__fake/token?external_id=…`
 * mints a token for that customer in the fake and answers `{"token", "base_url"}` as `createTokenHandler`
 * does, so that elements configured by markup alone (`base-url` + `token-url`) may use the token (product
 * spec §3 "Token binding"). `&base_url=` (empty) leaves `base_url` out; `&base_url=<url>` names another.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import { startFakePeliqan, type FakePeliqan, type FakePeliqanOptions } from '../../src/fake/index.js';
import { allowAnyPage, answeredPreflight, startTestServer, type TestServer } from './test-server.js';

/** A partner token endpoint in front of `fake`: see the file's comment. */
function tokenEndpoint(fake: FakePeliqan): Promise<TestServer> {
  return startTestServer((request, response) => {
    if (answeredPreflight(request, response)) return;
    allowAnyPage(request, response);
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method !== 'POST' || url.pathname !== '/__fake/token') {
      response.writeHead(404).end();
      return;
    }
    const baseUrl = url.searchParams.get('base_url') ?? fake.url;
    const token = fake.integrateToken(url.searchParams.get('external_id') || 'demo_customer');
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(baseUrl ? { token, base_url: baseUrl } : { token }));
  });
}

export function fakePeliqanPlugin(): TestRunnerPlugin {
  const running = new Map<string, { fake: FakePeliqan; tokens: TestServer }>();
  const stop = async ({ fake, tokens }: { fake: FakePeliqan; tokens: TestServer }) => {
    await Promise.all([fake.close(), tokens.close()]);
  };
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
        const tokens = await tokenEndpoint(fake);
        running.set(fake.url, { fake, tokens });
        return { url: fake.url, oauthUrl: fake.oauthUrl, tokenEndpoint: tokens.url };
      }
      if (command === 'fake-stop') {
        const url = (payload as { url: string }).url;
        const entry = running.get(url);
        if (entry) await stop(entry);
        running.delete(url);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...running.values()].map(stop));
    },
  };
}
