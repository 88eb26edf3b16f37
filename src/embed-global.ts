/**
 * How `window.PeliqanEmbed` is known to be ours, by the loader and the all-in-one file alike
 * (`src/script-tag/global.ts`), so that a second copy of either leaves the first in charge. By a
 * symbol, because markup cannot make one: an element with `id="PeliqanEmbed"` also shows up as
 * `window.PeliqanEmbed` (DOM clobbering), and a `<form>` of that name even has a `reset()` of its own.
 * `Symbol.for`, so that a second copy of the script knows the first.
 */
const OURS = Symbol.for('peliqan-embed');

/** Marks `global` as a `window.PeliqanEmbed` of ours (not enumerable: it shows in no listing). */
export function markAsPeliqanEmbed<T extends object>(global: T): T {
  return Object.defineProperty(global, OURS, { value: true });
}

/** True when `value` is a `window.PeliqanEmbed` that this script (any copy of it) installed. */
export const isPeliqanEmbed = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[OURS] === true;
