import { once } from 'node:events';
import type { Readable } from 'node:stream';

/** What a child process printed on `output` until `marker` (e.g. "Press Ctrl+C" once a server listens). */
export async function printedUntil(output: Readable, marker: string): Promise<string> {
  let printed = '';
  output.setEncoding('utf8');
  while (!printed.includes(marker)) printed += ((await once(output, 'data')) as [string])[0];
  return printed;
}
