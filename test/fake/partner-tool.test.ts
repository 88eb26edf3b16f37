import { describe, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakePeliqan } from '../../src/fake/index.js';
import { printedUntil } from '../support/child.js';
import { call, useFake } from '../support/fake.js';

/** The `Access-Control-Allow-Origin` the fake answers a page on `origin` with (null: none). */
async function allowOrigin(url: string, origin: string): Promise<string | null> {
  const response = await fetch(`${url}/api/servertypes`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
  });
  return response.headers.get('access-control-allow-origin');
}

describe('which pages may use the fake', () => {
  test('by default, pages on this machine on any port, and no others', async () => {
    const fake = await useFake();
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:9', 'http://[::1]:3000', 'https://localhost']) {
      assert.equal(await allowOrigin(fake.url, origin), origin);
    }
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null', 'http://127.0.0.2:80']) {
      assert.equal(await allowOrigin(fake.url, origin), null, origin);
    }
  });

  test('allowedOrigins adds origins; strictOrigins leaves only them; "*" allows any', async () => {
    const added = await useFake({ allowedOrigins: ['https://app.partner.example'] });
    assert.equal(await allowOrigin(added.url, 'https://app.partner.example'), 'https://app.partner.example');
    assert.equal(await allowOrigin(added.url, 'http://localhost:5173'), 'http://localhost:5173');
    assert.equal(await allowOrigin(added.url, 'https://other.example'), null);

    const strict = await useFake({ allowedOrigins: ['https://app.partner.example'], strictOrigins: true });
    assert.equal(await allowOrigin(strict.url, 'https://app.partner.example'), 'https://app.partner.example');
    assert.equal(await allowOrigin(strict.url, 'http://localhost:5173'), null);

    const any = await useFake({ allowedOrigins: '*' });
    assert.equal(await allowOrigin(any.url, 'https://anyone.example'), 'https://anyone.example');
  });

  test("another website's simple POST cannot drive the controls", async () => {
    const fake = await useFake();
    fake.seedConnection({ externalId: 'kept', servertype: 'hubspot' });
    // What a form or a no-cors fetch on another site sends: no preflight, text/plain.
    const simple = (path: string, origin?: string) =>
      fetch(`${fake.url}/__fake/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', ...(origin ? { Origin: origin } : {}) },
        body: '{}',
      });
    const reset = await simple('reset', 'https://evil.example');
    assert.equal(reset.status, 403);
    assert.equal((await simple('token?external_id=planted', 'https://evil.example')).status, 403);
    assert.deepEqual(
      fake.accounts.map((account) => account.external_id),
      ['kept'],
      'nothing changed',
    );
    assert.equal(fake.connections.length, 1);

    assert.equal((await simple('token?external_id=mine', 'http://localhost:5173')).status, 200);
    assert.equal((await simple('reset')).status, 200, 'without an Origin (Node, curl) the controls answer');
    assert.equal(fake.connections.length, 0);
  });
});

describe('the fake says it is the fake', () => {
  test('every answer carries X-Peliqan-Fake: 1, exposed to pages', async () => {
    const fake = await useFake();
    const token = fake.integrateToken('marked');
    const { body: created } = await call(`${fake.url}/api/servers`, {
      method: 'POST',
      token,
      json: { servertype_id: 201 },
    });
    const answers = await Promise.all([
      fetch(`${fake.url}/api/servertypes`, { headers: { Authorization: `JWT ${token}` } }),
      fetch(`${fake.url}/api/servers`),
      fetch(`${fake.url}/api/servers`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:1' } }),
      fetch(`${fake.url}/nowhere`),
      fetch(`${fake.url}/static/icons/hubspot.svg`),
      fetch(`${fake.url}/__fake/faults`),
      fetch(created.oauth_url),
      fetch(`${fake.oauthUrl}/authorize?connection=1&state=forged`),
    ]);
    for (const answer of answers) assert.equal(answer.headers.get('x-peliqan-fake'), '1', answer.url);
    const cors = answers[0]!.headers;
    assert.equal(cors.get('access-control-expose-headers'), null, 'no Origin, no CORS');
    const fromPage = await fetch(`${fake.url}/api/servers`, { headers: { Origin: 'http://localhost:1' } });
    assert.match(fromPage.headers.get('access-control-expose-headers') ?? '', /X-Peliqan-Fake/);
  });
});

describe('bounds', () => {
  test('a request body over maxBodyBytes is answered 413, declared or streamed', async () => {
    const fake = await useFake({ maxBodyBytes: 1000 });
    const token = fake.integrateToken('big');
    const big = JSON.stringify({ servertype_id: 403, password: 'x'.repeat(2000) });
    const declared = await call(`${fake.url}/api/servers`, { method: 'POST', token, json: JSON.parse(big) });
    assert.deepEqual([declared.status, declared.body.error], [413, 'ERROR_REQUEST_TOO_LARGE']);
    const streamed = await fetch(`${fake.url}/api/servers`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    const control = await call(`${fake.url}/__fake/connections`, { method: 'POST', json: JSON.parse(big) });
    assert.equal(control.status, 413);
    assert.equal(fake.connections.length, 0);
    assert.deepEqual(
      fake.requests.map((request) => [request.route, request.status]),
      [
        ['POST /api/servers', 413],
        ['POST /api/servers', 413],
      ],
    );
    const small = await call(`${fake.url}/api/servers`, { method: 'POST', token, json: { servertype_id: 201 } });
    assert.equal(small.status, 201, 'a body within the bound is answered as usual');
  });

  test('the default bound is 1 MiB', async () => {
    const fake = await useFake();
    const token = fake.integrateToken('mib');
    const justOver = { servertype_id: 403, password: 'x'.repeat(1024 * 1024) };
    assert.equal((await call(`${fake.url}/api/servers`, { method: 'POST', token, json: justOver })).status, 413);
  });

  test('the request log keeps the latest requestLogLimit requests', async () => {
    const fake = await useFake({ requestLogLimit: 3 });
    const token = fake.integrateToken('log');
    for (let page = 1; page <= 5; page++) await call(`${fake.url}/api/servers?n=${page}`, { token });
    assert.deepEqual(
      fake.requests.map((request) => request.query.n),
      ['3', '4', '5'],
    );
    const overHttp = await call(`${fake.url}/__fake/requests`);
    assert.equal(overHttp.body.length, 3);
  });
});

describe('listening beyond this machine', () => {
  test('warns on a non-loopback interface, and only then', async () => {
    const warn = mock.method(console, 'warn', () => {});
    try {
      const local = await startFakePeliqan();
      await local.close();
      assert.equal(warn.mock.callCount(), 0);
      const open = await startFakePeliqan({ host: '0.0.0.0' });
      await open.close();
      assert.equal(warn.mock.callCount(), 1);
      assert.match(String(warn.mock.calls[0]?.arguments[0]), /0\.0\.0\.0.*\/__fake\//);
    } finally {
      warn.mock.restore();
    }
  });
});

describe('the CLI', () => {
  test('--origin adds an allowed origin', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/fake/cli.ts',
        '--port',
        '0',
        '--oauth-port',
        '0',
        '--origin',
        'https://app.example.test',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const printed = await printedUntil(child.stdout, 'Press Ctrl+C');
      const url = /Fake Peliqan API\s+(\S+)/.exec(printed)![1]!;
      assert.match(printed, /Allowed origins\s+localhost pages \(any port\), https:\/\/app\.example\.test/);
      assert.equal(await allowOrigin(url, 'https://app.example.test'), 'https://app.example.test');
      assert.equal(await allowOrigin(url, 'http://localhost:5173'), 'http://localhost:5173');
      assert.equal(await allowOrigin(url, 'https://other.example'), null);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  test('a port in use is one line saying which, and how to pick another', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      for (const [flags, named] of [
        [
          ['--port', String(port), '--oauth-port', '0'],
          /^Port \d+ \(for the fake Peliqan API\) is in use.*--port <port> or PELIQAN_FAKE_PORT=<port>/,
        ],
        [
          ['--port', '0', '--oauth-port', String(port)],
          /^Port \d+ \(for the fake OAuth provider\) is in use.*--oauth-port <port>/,
        ],
      ] as const) {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/fake/cli.ts', ...flags], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let printed = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => (printed += chunk));
        const [code] = (await once(child, 'exit')) as [number];
        assert.equal(code, 1);
        const lines = printed.trim().split('\n');
        assert.equal(lines.length, 1, printed);
        assert.match(lines[0]!, named);
        assert.ok(lines[0]!.includes(String(port)));
      }
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
