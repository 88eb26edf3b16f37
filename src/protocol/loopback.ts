/**
 * Which names mean "this machine". One rule for where plain `http:` may carry a token (`isSecureUrl`),
 * which pages the fake answers (its CORS), and which `Host` the fake and the demo answer at all.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Addresses a server listens on to take every interface: they name no host a request is sent to. */
const EVERY_INTERFACE = new Set(['0.0.0.0', '[::]']);

/** True for a machine's own loopback names, as `URL.hostname` writes them: localhost, 127.0.0.1, [::1]. */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);

/** `name` as `URL.hostname` writes it: lower-case, an IPv6 address in brackets. */
const asHostname = (name: string): string => {
  const lower = name.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
};

/** True when `name` (a host name or an address, IPv6 with or without brackets) is one of this machine's. */
export const namesThisMachine = (name: string): boolean => isLoopbackHost(asHostname(name));

/** The host to write in a URL to a server listening on `listenHost`: a loopback address for every interface. */
export const urlHostFor = (listenHost: string): string => {
  const hostname = asHostname(listenHost);
  return EVERY_INTERFACE.has(hostname) ? '127.0.0.1' : hostname;
};

/** The host name of a `Host` header (`name[:port]` or `[v6][:port]`); undefined when it is not one. */
function hostnameOf(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(:\d{1,5})?$/i.exec(header.trim());
  return match ? asHostname(match[1]!) : undefined;
}

/**
 * True when a request's `Host` header names this machine, or one of `alsoAllowed` (the name a server
 * was told to listen on, say). A hostile page that rebinds its own domain to 127.0.0.1 (DNS
 * rebinding) still sends its domain as `Host`: refusing every other name keeps it from a local
 * server's answers. `*.localhost` is not taken: whether it is this machine is the resolver's choice
 * (Chrome and Firefox decide it themselves, Node and Safari ask the system), so it is no fixed name.
 */
export function isAllowedHostHeader(header: string | undefined, alsoAllowed: readonly string[] = []): boolean {
  const hostname = header === undefined ? undefined : hostnameOf(header);
  if (!hostname) return false;
  if (isLoopbackHost(hostname)) return true;
  return alsoAllowed.some((name) => {
    const allowed = asHostname(name);
    return allowed === hostname && !EVERY_INTERFACE.has(allowed);
  });
}
