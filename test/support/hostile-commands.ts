/**
 * Test-runner plugin: origins a page must never send a customer's token or typed values to.
 *   executeServerCommand('hostile-start')               → { url } of an origin that records every request
 *     reaching it (preflights included) and answers any page, as an attacker's server would
 *   executeServerCommand('hostile-requests', { url })   → what reached it (`ReceivedRequest[]`)
 *   executeServerCommand('hostile-clear', { url })      → forgets it
 *   executeServerCommand('redirect-start', { to })      → { url } of an "API origin" that answers every
 *     request (after a preflight) with a 307 to the same path on `to`
 *   executeServerCommand('test-server-stop', { url })   → stops one of these
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import {
  allowAnyPage,
  answeredPreflight,
  bodyOf,
  startTestServer,
  type ReceivedRequest,
  type TestServer,
} from './test-server.js';

export function hostileOriginPlugin(): TestRunnerPlugin {
  const servers = new Map<string, TestServer>();
  const received = new Map<string, ReceivedRequest[]>();

  async function recorder(): Promise<TestServer> {
    const log: ReceivedRequest[] = [];
    const server = await startTestServer(async (request, response) => {
      const { method = 'GET', url: path = '/', headers } = request;
      log.push({ method, path, headers, body: await bodyOf(request) });
      if (answeredPreflight(request, response)) return;
      allowAnyPage(request, response);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    });
    received.set(server.url, log);
    return server;
  }

  const redirector = (to: string) =>
    startTestServer((request, response) => {
      if (answeredPreflight(request, response)) return;
      allowAnyPage(request, response);
      response.writeHead(307, { Location: `${to}${request.url ?? '/'}` }).end();
    });

  return {
    name: 'hostile-origin',
    async executeCommand({ command, payload }) {
      if (command === 'hostile-start' || command === 'redirect-start') {
        const server =
          command === 'hostile-start' ? await recorder() : await redirector((payload as { to: string }).to);
        servers.set(server.url, server);
        return { url: server.url };
      }
      if (command === 'hostile-requests') return received.get((payload as { url: string }).url) ?? [];
      if (command === 'hostile-clear') {
        received.get((payload as { url: string }).url)?.splice(0);
        return true;
      }
      if (command === 'test-server-stop') {
        const { url } = payload as { url: string };
        await servers.get(url)?.close();
        servers.delete(url);
        received.delete(url);
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((server) => server.close()));
    },
  };
}
