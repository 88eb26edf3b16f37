/** Lists in the envelope the `listEnvelope` fault asks for (peliqan-api.md §1: Peliqan uses all three). */
import type { FakeState } from './state.js';

export function list(state: FakeState, items: unknown[]): unknown {
  switch (state.faults.listEnvelope) {
    case 'data':
      return { data: items, next: null };
    case 'results':
      return { results: items, count: items.length };
    default:
      return items;
  }
}
