import { defineConfig } from 'vite';

/**
 * Builds `dist/peliqan-embed.js`, the one self-contained classic script (lit and zod inside).
 * The ESM entries and their `.d.ts` come from `tsc -p tsconfig.build.json` (see `npm run build`).
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: 'src/embed.ts',
      formats: ['iife'],
      name: 'PeliqanEmbedBundle',
      fileName: () => 'peliqan-embed.js',
    },
  },
});
