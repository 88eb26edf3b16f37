const encoder = new TextEncoder();

/**
 * The SHA-256 of `data` in hex, cut to `bytes` bytes. Web Crypto, so that the handlers run wherever
 * `Request` does (Node, Bun, Deno, edge runtimes).
 */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>, bytes = 32): Promise<string> {
  const input = typeof data === 'string' ? encoder.encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return Array.from(digest.subarray(0, bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
