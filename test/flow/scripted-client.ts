/**
 * A client whose answers a test scripts, for the timing of the flows (cadence, deadlines, streaks):
 * what the fake Peliqan answers over HTTP is covered by the API and browser tests.
 */
import { PeliqanError, type Connection, type PeliqanClient } from '../../src/api/index.js';

type Answer = Partial<Connection> | PeliqanError | 'hang';

export class ScriptedClient {
  /** Answers to `connection()`, used up one per call; the last one repeats. */
  answers: Answer[] = [{ health_status: null as never }];
  /** What `addConnection()` answers (or throws). */
  created: Partial<Connection> | PeliqanError = { id: 7 };
  /** What `listConnections()` answers. */
  listed: Connection[] = [];
  calls: { method: string; id?: unknown }[] = [];

  get checks(): number {
    return this.calls.filter((call) => call.method === 'connection').length;
  }

  async connection(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<Connection> {
    this.calls.push({ method: 'connection', id });
    const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0]!;
    if (answer === 'hang') {
      return new Promise((_, reject) =>
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    }
    if (answer instanceof PeliqanError) throw answer;
    return { id, ...answer } as Connection;
  }

  async addConnection(body: Record<string, unknown>): Promise<Connection> {
    this.calls.push({ method: 'addConnection', id: body.servertype_id });
    if (this.created instanceof PeliqanError) throw this.created;
    return { id: 7, ...this.created } as Connection;
  }

  async listConnections(): Promise<Connection[]> {
    this.calls.push({ method: 'listConnections' });
    return this.listed;
  }

  /** Typed as the real client for the code under test. */
  get asClient(): PeliqanClient {
    return this as unknown as PeliqanClient;
  }
}

export const networkError = () => new PeliqanError('network', 'http://peliqan: unreachable');
