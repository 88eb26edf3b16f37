/**
 * A real `redis-server` (Debian's package; `.ci/run` installs it) on a free loopback port, for the
 * Redis tests and the token bench. Nothing is written to disk.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where `redis-server` is: `REDIS_SERVER`, else Debian's. */
const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server and resolves once it has exited. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `redis-server` on a free port; resolves once it accepts connections. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} not found: the Redis tests need a real redis-server (apt-get install redis-server, as .ci/run does, or set REDIS_SERVER)`,
    );
  }
  const port = await freePort();
  const server = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let printed = '';
    const onOutput = (chunk: Buffer) => {
      printed += chunk.toString();
      if (!/Ready to accept connections/i.test(printed)) return;
      server.stdout!.off('data', onOutput).resume();
      server.stderr!.off('data', onOutput).resume();
      resolve();
    };
    server.stdout!.on('data', onOutput);
    server.stderr!.on('data', onOutput);
    void exited.then(() => reject(new Error(`redis-server exited before it was ready:\n${printed}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}
