/**
 * The command line behind `npx peliqan-embed` (see `bin.ts`), for partners trying things out with a
 * real account. The partner token comes from the environment only (never a flag, so it stays out of
 * shell history and process lists):
 *   PELIQAN_PARTNER_TOKEN=…  PELIQAN_BASE_URL=https://app.eu.peliqan.io  npx peliqan-embed token --external-id wood_123
 * `token` prints an integrate token for one customer: --identity (a server-side identity token
 * instead), --no-expire (with --identity), --create (make the sub-account when it does not exist).
 * `check` reports which of our assumptions about the Peliqan API hold (see check.ts): --external-id
 * (an existing customer to read as), --write (create what only a create can show).
 * Both take --paths partner (the /api/partner/ layout).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL } from '../api/client.js';
import { isPeliqanError } from '../api/errors.js';
import { isSecureUrl } from '../api/urls.js';
import { checkAssumptions, type Verdict } from './check.js';
import { PeliqanPartner, type AccountRef, type PartnerPaths } from './partner.js';
import { withSubAccount } from './subaccount.js';

const usage = `Usage: PELIQAN_PARTNER_TOKEN=… [PELIQAN_BASE_URL=…] peliqan-embed <command>
  token --external-id ID [--identity [--no-expire]] [--create] [--paths partner]
  check [--external-id ID] [--write] [--paths partner]`;

/** Where the command writes: the terminal, or a test's lists. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What every command needs: where Peliqan is, and the partner token. */
interface Account {
  baseUrl: string;
  partnerToken: string;
  paths: PartnerPaths;
}

/** Runs `npx peliqan-embed …` and resolves to its exit code. */
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
        write: { type: 'boolean', default: false },
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
  const command = positionals[0];
  const externalId = values['external-id'];
  if ((command !== 'token' && command !== 'check') || (command === 'token' && !externalId)) {
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
  const account: Account = { baseUrl, partnerToken, paths: values.paths === 'partner' ? 'partner' : 'sub-account' };
  if (command === 'check') return check(account, { externalId, write: values.write }, io);
  return token(account, externalId!, values, io);
}

async function token(
  { baseUrl, partnerToken, paths }: Account,
  externalId: string,
  flags: { identity: boolean; 'no-expire': boolean; create: boolean },
  io: Output,
): Promise<number> {
  const partner = new PeliqanPartner({ baseUrl, partnerToken, paths });
  const mint = (account: AccountRef) =>
    flags.identity
      ? partner.identityToken(account, { expire: flags['no-expire'] ? false : undefined })
      : partner.integrateToken(account);
  try {
    const minted = flags.create
      ? await withSubAccount(partner, { external_id: externalId }, mint)
      : await mint({ externalId });
    io.out(minted);
    return 0;
  } catch (error) {
    const detail = isPeliqanError(error)
      ? `${error.code}${error.status ? ` ${error.status}` : ''}: ${error.message}`
      : String(error);
    io.err(`Could not get a token for ${externalId} from ${partner.baseUrl}: ${detail}`);
    return 1;
  }
}

/** Prints one line per assumption; exits 1 when any did not hold, or none could be checked. */
async function check(
  account: Account,
  { externalId, write }: { externalId?: string; write: boolean },
  io: Output,
): Promise<number> {
  io.out(`What peliqan-embed assumes about the Peliqan API at ${account.baseUrl}:`);
  const findings = await checkAssumptions({ ...account, externalId, write, say: io.out });
  const counts: Record<Verdict, number> = { held: 0, 'not held': 0, 'not checked': 0 };
  for (const finding of findings) {
    counts[finding.verdict]++;
    io.out(`${finding.verdict.padEnd(12)} ${finding.says}: ${finding.evidence}  [${finding.owner}]`);
  }
  io.out(`${counts.held} held, ${counts['not held']} not held, ${counts['not checked']} not checked.`);
  return counts['not held'] || !counts.held ? 1 : 0;
}
