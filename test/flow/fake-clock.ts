/** A clock and a page visibility for unit tests of the flows: time moves only when the test says so. */
import type { Clock, Visibility } from '../../src/flow/clock.js';

export class FakeClock implements Clock {
  #now = 1_000_000;
  #timers: { at: number; run: () => void; id: number }[] = [];
  #nextId = 1;

  now(): number {
    return this.#now;
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.#now + ms, run, id: this.#nextId++ };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((each) => each !== timer);
    };
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves time on by `ms`, running every timer that falls due (and letting promises settle between). */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      await settle();
      const due = this.#timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.#now = Math.max(this.#now, due.at);
      due.run();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets pending promise callbacks (and the fetches of an in-process fake) run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await new Promise((resolve) => setImmediate(resolve));
}

export class FakeVisibility implements Visibility {
  #hidden = false;
  #listeners = new Set<() => void>();

  hidden(): boolean {
    return this.#hidden;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(hidden: boolean): void {
    this.#hidden = hidden;
    for (const listener of this.#listeners) listener();
  }
}
