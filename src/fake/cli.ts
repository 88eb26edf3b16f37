#!/usr/bin/env node
/**
 * `npm run fake` (or `npx peliqan-fake`): starts the fake Peliqan alone and prints its URLs.
 *   --port 4010  --oauth-port 4011  --host 127.0.0.1
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
    "Usage: peliqan-fake [--port 4010] [--oauth-port 4011] [--host 127.0.0.1] [--origin URL|'*']... [--token-lifetime SECONDS] [--envelope bare|data|results] [--coop] [--connectors N]",
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
const fake = await startFakePeliqan({
  host: values.host,
  port: Number(values.port),
  oauthPort: Number(values['oauth-port']),
  allowedOrigins: anyOrigin ? '*' : origins,
  catalogue: values.connectors ? Number(values.connectors) : undefined,
  faults: {
    ...(values['token-lifetime'] ? { tokenLifetime: Number(values['token-lifetime']) } : {}),
    ...(envelope ? { listEnvelope: envelope } : {}),
    coop: values.coop,
  },
});

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
