import type { Created, PeliqanPartner, ScriptDefinition } from './partner.js';
import type { Customer } from './token-handler.js';
import { withSubAccount } from './subaccount.js';

export interface ProvisionOptions {
  partner: PeliqanPartner;
  customer: Customer;
  /** Query tables to have (`POST /table` bodies); each needs a `name`, which is how an existing one is recognised. */
  tables?: ({ name: string } & Record<string, unknown>)[];
  /** Scheduled Python scripts to have (`POST /interface`), recognised by `name`. */
  scripts?: ScriptDefinition[];
}

/** What a run did: what it made, and what was there already. */
export interface ProvisionResult {
  externalId: string;
  created: { tables: Created[]; scripts: Created[] };
  existing: { tables: string[]; scripts: string[] };
}

/**
 * Hydrates one customer's tenant: the sub-account, then the query tables and scheduled scripts that
 * are not there yet (by name). Safe to run twice: the second run makes nothing new.
 */
export async function provisionTenant({
  partner,
  customer,
  tables = [],
  scripts = [],
}: ProvisionOptions): Promise<ProvisionResult> {
  const token = await withSubAccount(partner, customer, (account) => partner.identityToken(account));
  const tenant = partner.tenant(token);
  const result: ProvisionResult = {
    externalId: customer.external_id,
    created: { tables: [], scripts: [] },
    existing: { tables: [], scripts: [] },
  };
  if (tables.length) {
    const have = new Set((await tenant.listTables()).map((table) => table.name));
    for (const table of tables) {
      if (have.has(table.name)) result.existing.tables.push(table.name);
      else result.created.tables.push(await tenant.createTable(table));
    }
  }
  if (scripts.length) {
    const have = new Set((await tenant.listScripts()).map((script) => script.name));
    for (const script of scripts) {
      if (have.has(script.name)) result.existing.scripts.push(script.name);
      else result.created.scripts.push(await tenant.addScript(script));
    }
  }
  return result;
}
