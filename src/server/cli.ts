/**
 * The command line behind `npx peliqan-embed` (see `bin.ts`).
 * `npx peliqan-embed token --external-id wood_123`: prints an integrate token for one customer, for
 * partners trying things out. The partner token comes from the environment only (never a flag, so it
 * stays out of shell history and process lists):
 *   PELIQAN_PARTNER_TOKEN=…  PELIQAN_BASE_URL=https://app.eu.peliqan.io  npx peliqan-embed token --external-id wood_123
 * Options: --identity (a server-side identity token instead), --no-expire (with --identity),
 * --create (make the sub-account when it does not exist), --paths partner (the /api/partner/ layout).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL } from '../api/client.js';
import { isPeliqanError } from '../api/errors.js';
import { isSecureUrl } from '../api/urls.js';
import { PeliqanPartner, type AccountRef } from './partner.js';
import { withSubAccount } from './subaccount.js';

const usage =
  'Usage: PELIQAN_PARTNER_TOKEN=… [PELIQAN_BASE_URL=…] peliqan-embed token --external-id ID [--identity [--no-expire]] [--create] [--paths partner]';

/** Where the command writes: the terminal, or a test's lists. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Output = { out: console.log, err: console.error },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'external-id': { type: 'string' },
        identity: { type: 'boolean', default: false },
        'no-expire': { type: 'boolean', default: false },
        create: { type: 'boolean', default: false },
        paths: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const externalId = values['external-id'];
  if (positionals[0] !== 'token' || !externalId) {
    io.err(usage);
    return 2;
  }
  const partnerToken = env.PELIQAN_PARTNER_TOKEN;
  if (!partnerToken) {
    io.err('Set PELIQAN_PARTNER_TOKEN (the partner token from your Peliqan account) in the environment.');
    return 2;
  }
  const baseUrl = env.PELIQAN_BASE_URL || DEFAULT_BASE_URL;
  if (!isSecureUrl(baseUrl)) {
    io.err(
      `PELIQAN_BASE_URL must be an https: URL (http: only for localhost, 127.0.0.1 or [::1]): the partner token must not travel in clear text. Got ${JSON.stringify(baseUrl)}.`,
    );
    return 2;
  }
  const partner = new PeliqanPartner({
    baseUrl,
    partnerToken,
    paths: values.paths === 'partner' ? 'partner' : 'sub-account',
  });
  const mint = (account: AccountRef) =>
    values.identity
      ? partner.identityToken(account, { expire: values['no-expire'] ? false : undefined })
      : partner.integrateToken(account);
  try {
    const token = values.create
      ? await withSubAccount(partner, { external_id: externalId }, mint)
      : await mint({ externalId });
    io.out(token);
    return 0;
  } catch (error) {
    const detail = isPeliqanError(error)
      ? `${error.code}${error.status ? ` ${error.status}` : ''}: ${error.message}`
      : String(error);
    io.err(`Could not get a token for ${externalId} from ${partner.baseUrl}: ${detail}`);
    return 1;
  }
}
