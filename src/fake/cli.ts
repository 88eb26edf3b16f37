#!/usr/bin/env node
/**
 * `npm run fake` (or `npx peliqan-fake`): starts the fake Peliqan alone and prints its URLs.
 *   --port 4010  --oauth-port 4011  --host 127.0.0.1  --allowed-host fake (repeatable: a name requests may be sent to)
 *   --origin https://app.example.test (repeatable: allowed besides localhost pages; '*' allows any site)
 *   --token-lifetime 1800  --envelope bare|data|results  --coop  --connectors 250 (a generated catalogue of 250)
 */
import { parseArgs } from 'node:util';
import { startFakePeliqan } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PELIQAN_FAKE_PORT ?? '4010' },
    'oauth-port': { type: 'string', default: process.env.PELIQAN_FAKE_OAUTH_PORT ?? '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    'allowed-host': { type: 'string', multiple: true },
    origin: { type: 'string', multiple: true },
    'token-lifetime': { type: 'string' },
    envelope: { type: 'string' },
    coop: { type: 'boolean', default: false },
    connectors: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    "Usage: peliqan-fake [--port 4010] [--oauth-port 4011] [--host 127.0.0.1] [--allowed-host NAME]... [--origin URL|'*']... [--token-lifetime SECONDS] [--envelope bare|data|results] [--coop] [--connectors N]",
  );
  process.exit(0);
}

const envelope = values.envelope as 'bare' | 'data' | 'results' | undefined;
if (envelope && !['bare', 'data', 'results'].includes(envelope)) {
  console.error('--envelope must be bare, data or results');
  process.exit(2);
}

const origins = values.origin ?? [];
const anyOrigin = origins.includes('*');
const port = Number(values.port);
const oauthPort = Number(values['oauth-port']);
for (const [flag, value] of [
  ['--port', port],
  ['--oauth-port', oauthPort],
] as const) {
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    console.error(`${flag} must be a port number from 0 to 65535 (0 takes any free port)`);
    process.exit(2);
  }
}

/** Why the fake could not start, in one line that says what to do (no stack: nothing here is a bug). */
function cannotStart(error: NodeJS.ErrnoException & { port?: number }): string {
  if (error.code !== 'EADDRINUSE') return `The fake Peliqan could not start: ${error.message}`;
  const [what, flag, variable] =
    error.port === oauthPort && error.port !== port
      ? ['fake OAuth provider', '--oauth-port', 'PELIQAN_FAKE_OAUTH_PORT']
      : ['fake Peliqan API', '--port', 'PELIQAN_FAKE_PORT'];
  return `Port ${error.port} (for the ${what}) is in use, perhaps by another fake: pick another with ${flag} <port> or ${variable}=<port> (0 takes any free port).`;
}

let fake;
try {
  fake = await startFakePeliqan({
    host: values.host,
    allowedHosts: values['allowed-host'] ?? [],
    port,
    oauthPort,
    allowedOrigins: anyOrigin ? '*' : origins,
    catalogue: values.connectors ? Number(values.connectors) : undefined,
    faults: {
      ...(values['token-lifetime'] ? { tokenLifetime: Number(values['token-lifetime']) } : {}),
      ...(envelope ? { listEnvelope: envelope } : {}),
      coop: values.coop,
    },
  });
} catch (error) {
  console.error(cannotStart(error as NodeJS.ErrnoException));
  process.exit(1);
}

const allowed = anyOrigin ? 'any website (--origin *)' : ['localhost pages (any port)', ...origins].join(', ');
console.log(`Fake Peliqan API      ${fake.url}
Fake OAuth provider   ${fake.oauthUrl}
Partner token         ${fake.partnerToken}   (send as "Authorization: JWT ${fake.partnerToken}")
Test token endpoint   POST ${fake.url}/__fake/token?external_id=demo_customer
Controls              ${fake.url}/__fake/{reset,faults,requests,expire-tokens,token,connections}
Allowed origins       ${allowed}
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void fake.close().then(() => process.exit(0)));
}
