import type { PeliqanPartner } from './partner.js';
import { customerProfile, type Customer } from './profile.js';
import { withSubAccount } from './subaccount.js';
import type { Created, QueryTableDefinition, ScriptDefinition } from './tenant.js';

/** One customer, and the tables and scripts their tenant should have. */
export interface ProvisionOptions {
  partner: PeliqanPartner;
  /** The customer; only the sub-account profile's string fields are sent to Peliqan, never a `password`. */
  customer: Customer;
  /** Query tables to have, recognised by `name` among every database's tables. */
  tables?: QueryTableDefinition[];
  /** Python scripts to have, recognised by `name` among the account's scripts. */
  scripts?: ScriptDefinition[];
}

/** What a run did: what it made, and what was there already. */
export interface ProvisionResult {
  externalId: string;
  created: { tables: Created[]; scripts: Created[] };
  existing: { tables: string[]; scripts: string[] };
}

/**
 * Hydrates one customer's tenant: the sub-account, then the query tables and scripts that are not
 * there yet (by name; one that exists is left as it is). Safe to run twice: the second run makes
 * nothing new.
 */
export async function provisionTenant({
  partner,
  customer,
  tables = [],
  scripts = [],
}: ProvisionOptions): Promise<ProvisionResult> {
  const profile = customerProfile(customer);
  if (!profile) throw new TypeError('provisionTenant needs a customer with an external_id (a non-empty string)');
  const token = await withSubAccount(partner, profile, (account) => partner.identityToken(account));
  const tenant = partner.tenant(token);
  const result: ProvisionResult = {
    externalId: profile.external_id,
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
