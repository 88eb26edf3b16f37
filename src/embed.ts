/**
 * The script-tag entry (`dist/peliqan-embed.js`, an IIFE with lit and zod inside): everything in
 * `index.ts` plus `window.PeliqanEmbed`. Loading it twice is harmless: the first copy stays.
 */
import * as embed from './index.js';

/** What the script tag puts on `window`. */
export type PeliqanEmbedGlobal = typeof embed;

declare global {
  interface Window {
    /** Set by `dist/peliqan-embed.js`. */
    PeliqanEmbed?: PeliqanEmbedGlobal;
  }
}

window.PeliqanEmbed ??= embed;
