import { PeliqanClient, type ClientOptions } from './client.js';

const clients = new Map<string, PeliqanClient>();
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

const identity = (value: object | undefined): number | '' => {
  if (!value) return '';
  let known = identities.get(value);
  if (known === undefined) identities.set(value, (known = nextIdentity++));
  return known;
};

/**
 * The one client for a configuration: every element configured the same way shares its token fetch
 * and its catalogue request (product spec §3).
 */
export function sharedClient(options: ClientOptions): PeliqanClient {
  const key = [
    options.baseUrl ?? '',
    options.tokenUrl ?? '',
    options.token ?? '',
    identity(options.tokenProvider),
    identity(options.fetch),
    options.retryDelay ?? '',
    options.timeout ?? '',
  ].join('\n');
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new PeliqanClient(options)));
  return client;
}
