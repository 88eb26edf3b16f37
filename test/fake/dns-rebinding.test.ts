/**
 * DNS rebinding: a website whose domain is made to resolve to 127.0.0.1 reaches a local server as a
 * page of its own origin, so CORS does not stop it; only its `Host` header gives it away. The fake and
 * the demo answer requests addressed to this machine only.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAllowedHostHeader } from '../../src/protocol/loopback.js';
import { printedUntil } from '../support/child.js';
import { useFake } from '../support/fake.js';

/** Sends one request to `url` as if addressed to `host` (what a rebound page's browser sends). */
function requestAs(url: string, host: string, method = 'GET', token?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { Host: host };
    if (token) headers.Authorization = `JWT ${token}`;
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const portOf = (url: string) => new URL(url).port;

describe('which Host names are this machine', () => {
  test('localhost, 127.0.0.1 and [::1] with any port or none, in any case', () => {
    for (const host of ['localhost', 'localhost:4010', 'LOCALHOST:1', '127.0.0.1:4010', '[::1]:4010', '[::1]']) {
      assert.equal(isAllowedHostHeader(host), true, host);
    }
  });

  test('no other name, and nothing that only looks like one', () => {
    for (const host of [
      undefined,
      '',
      'evil.example',
      'evil.example:4010',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      'app.localhost',
      'localhost@evil.example',
      'evil.example/localhost',
      'localhost:4010:80',
      '0.0.0.0:4010',
      '[::]:4010',
    ]) {
      assert.equal(isAllowedHostHeader(host), false, String(host));
    }
  });

  test('a name a server was told to answer to, but never "every interface"', () => {
    assert.equal(isAllowedHostHeader('fake:4010', ['fake']), true);
    assert.equal(isAllowedHostHeader('[fd00::1]:4010', ['fd00::1']), true);
    assert.equal(isAllowedHostHeader('0.0.0.0:4010', ['0.0.0.0']), false);
    assert.equal(isAllowedHostHeader('[::]:4010', ['::']), false);
  });
});

describe('the fake refuses requests addressed to another name', () => {
  test('its API, its controls and its OAuth provider: 403, and nothing minted or changed', async () => {
    const fake = await useFake();
    const evil = `evil.example:${portOf(fake.url)}`;
    const catalogue = await requestAs(`${fake.url}/api/servertypes`, evil, 'GET', fake.partnerToken);
    assert.equal(catalogue.status, 403);
    assert.match(JSON.parse(catalogue.body).detail, /evil\.example.*allowedHosts/);
    assert.equal((await requestAs(`${fake.url}/__fake/token?external_id=planted`, evil, 'POST')).status, 403);
    assert.equal((await requestAs(`${fake.url}/__fake/reset`, evil, 'POST')).status, 403);
    const oauth = `${fake.oauthUrl}/authorize?connection=1&state=x`;
    assert.equal((await requestAs(oauth, `evil.example:${portOf(fake.oauthUrl)}`)).status, 403);
    assert.deepEqual(fake.accounts, []);
    assert.deepEqual(fake.requests, []);
  });

  test('answers this machine by any of its names, and the names it was given', async () => {
    const fake = await useFake({ allowedHosts: ['peliqan-fake'] });
    const port = portOf(fake.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `peliqan-fake:${port}`]) {
      const answer = await requestAs(`${fake.url}/api/servertypes`, host, 'GET', fake.partnerToken);
      assert.equal(answer.status, 200, host);
    }
    assert.equal((await requestAs(`${fake.oauthUrl}/authorize`, `localhost:${portOf(fake.oauthUrl)}`)).status, 404);
  });
});

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the demo refuses requests addressed to another name', () => {
  test('its token endpoint mints nothing for a rebound page, and a token for this machine', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PELIQAN_FAKE_PORT: '0',
      PELIQAN_FAKE_OAUTH_PORT: '0',
    };
    delete env.PELIQAN_BASE_URL;
    delete env.PELIQAN_PARTNER_TOKEN;
    const demo = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const printed = await printedUntil(demo.stdout, 'Press Ctrl+C');
      const fakeUrl = /Peliqan API\s+(\S+)/.exec(printed)![1]!;
      const mints = async () => {
        const log = await fetch(`${fakeUrl}/__fake/requests`).then((response) => response.json());
        return (log as { route: string }[]).filter((entry) => entry.route.endsWith('/integrate/')).length;
      };
      const tokenUrl = `http://127.0.0.1:${port}/peliqan/token`;

      const refused = await requestAs(tokenUrl, `evil.example:${port}`, 'POST');
      assert.equal(refused.status, 403);
      assert.doesNotMatch(refused.body, /token"/);
      assert.equal(await mints(), 0);

      const answered = await requestAs(tokenUrl, `localhost:${port}`, 'POST');
      assert.equal(answered.status, 200);
      assert.equal(typeof JSON.parse(answered.body).token, 'string');
      assert.equal(await mints(), 1);
    } finally {
      demo.kill('SIGTERM');
      await once(demo, 'exit');
    }
  });
});
