/**
 * Test-runner plugin: a partner back end for browser tests, made with `peliqan-embed/server` itself —
 * here the catalogue endpoint (`createCatalogueHandler`) in front of a test's fake Peliqan.
 *   executeServerCommand('catalogue-endpoint', { fakeUrl, partnerToken, filter? }) → its URL
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRunnerPlugin } from '@web/test-runner';
import { PeliqanPartner, createCatalogueHandler, toNodeHandler } from '../../src/server/index.js';

interface CataloguePayload {
  fakeUrl: string;
  partnerToken?: string;
  filter?: string[];
}

export function partnerBackEndPlugin(): TestRunnerPlugin {
  const servers = new Set<Server>();
  return {
    name: 'partner-back-end',
    async executeCommand({ command, payload }) {
      if (command !== 'catalogue-endpoint') return undefined;
      const { fakeUrl, partnerToken = 'fake-partner-token', filter } = payload as CataloguePayload;
      const partner = new PeliqanPartner({ baseUrl: fakeUrl, partnerToken });
      const handle = toNodeHandler(createCatalogueHandler({ partner, filter }));
      // The test page is on the test runner's origin: a partner would serve its own page's origin.
      const server = createServer((request, response) => {
        response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
        response.setHeader('Access-Control-Allow-Credentials', 'true');
        void handle(request, response);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.add(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/peliqan/catalogue`;
    },
    async serverStop() {
      for (const server of servers) server.close();
    },
  };
}
