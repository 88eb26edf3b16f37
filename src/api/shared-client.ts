import { PeliqanClient, type ClientOptions } from './client.js';

const clients = new Map<unknown, Map<string, PeliqanClient>>();

/**
 * The one client for a configuration: every element configured the same way shares its token fetch
 * and its catalogue request (product spec §3). Keyed by the token provider's identity and the strings.
 */
export function sharedClient(options: ClientOptions): PeliqanClient {
  let byProvider = clients.get(options.tokenProvider);
  if (!byProvider) clients.set(options.tokenProvider, (byProvider = new Map()));
  const key = [options.baseUrl, options.tokenUrl, options.token].join('\n');
  let client = byProvider.get(key);
  if (!client) byProvider.set(key, (client = new PeliqanClient(options)));
  return client;
}
