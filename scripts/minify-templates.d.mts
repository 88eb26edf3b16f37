import type { Plugin } from 'vite';

/** Returns `code` with every html`` and css`` template literal shrunk. */
export function minifyTemplates(code: string): string;
/** The Vite/Rollup plugin that applies `minifyTemplates` to the sources. */
export function minifyTemplatesPlugin(): Plugin;
