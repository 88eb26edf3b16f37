import { PeliqanClient, type ClientOptions } from './client.js';
import { TokenSource, tokenSettings } from './token.js';

interface Entry<T> {
  value: T;
  /** Elements holding it; `Infinity` for one handed out by `sharedClient()`, kept until `resetClients()`. */
  holders: number;
}

const tokenSources = new Map<string, Entry<TokenSource>>();
const clients = new Map<string, Entry<PeliqanClient>>();
const providerIds = new WeakMap<object, number>();
let nextProviderId = 1;

/** A string naming a token provider function by identity (two inline arrow functions differ). */
function providerKey(provider: ClientOptions['tokenProvider']): string {
  if (!provider) return '';
  let id = providerIds.get(provider);
  if (id === undefined) providerIds.set(provider, (id = nextProviderId++));
  return `provider#${id}`;
}

function tokenKey(options: ClientOptions): string {
  const { token, tokenUrl, tokenCredentials, tokenBaseUrl } = tokenSettings(options);
  const provider = providerKey(options.tokenProvider);
  return JSON.stringify([options.baseUrl, token, tokenUrl, tokenCredentials, tokenBaseUrl, provider]);
}

/** A client that one holder uses until it calls `release()`. */
export interface ClientLease {
  client: PeliqanClient;
  /** Lets go of the client; once nobody holds it, it (and its token, if unshared) is forgotten. */
  release(): void;
  /** False once `resetClients()` has forgotten the client: take a new lease. */
  current(): boolean;
}

/**
 * The one client for a configuration, for as long as the caller holds it: every element configured
 * the same way shares its token fetch and its catalogue request (product spec §3). Clients and
 * tokens nobody holds any more are let go in a microtask, so an element moved in the page (removed
 * and put back in the same task) keeps its client.
 */
export function acquireClient(options: ClientOptions): ClientLease {
  return lease(options, 1);
}

/**
 * The shared client for a configuration, kept until `resetClients()` (for code that has no moment
 * to let go; elements use `acquireClient`).
 */
export function sharedClient(options: ClientOptions): PeliqanClient {
  return lease(options, Infinity).client;
}

/** Forgets every client, token and catalogue (a log-out, or another customer). */
export function resetClients(): void {
  for (const { value } of clients.values()) value.clear();
  for (const { value } of tokenSources.values()) value.clear();
  clients.clear();
  tokenSources.clear();
}

function lease(options: ClientOptions, weight: number): ClientLease {
  const tokenId = tokenKey(options);
  const clientId = JSON.stringify([tokenId, options.catalogueUrl]);
  let tokens = tokenSources.get(tokenId);
  if (!tokens) tokenSources.set(tokenId, (tokens = { value: new TokenSource(options), holders: 0 }));
  let client = clients.get(clientId);
  if (!client) {
    client = { value: new PeliqanClient({ ...options, tokens: tokens.value }), holders: 0 };
    clients.set(clientId, client);
    tokens.holders += 1;
  }
  client.holders += weight;
  const held = client;
  let released = weight === Infinity;
  return {
    client: held.value,
    current: () => clients.get(clientId) === held,
    release() {
      if (released) return;
      released = true;
      held.holders -= 1;
      queueMicrotask(() => forgetIfUnheld(clientId, tokenId, held));
    },
  };
}

function forgetIfUnheld(clientId: string, tokenId: string, held: Entry<PeliqanClient>): void {
  if (held.holders > 0 || clients.get(clientId) !== held) return;
  clients.delete(clientId);
  const tokens = tokenSources.get(tokenId);
  if (tokens && --tokens.holders <= 0) tokenSources.delete(tokenId);
}
