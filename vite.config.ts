import { defineConfig } from 'vite';
import { minifyCssPlugin } from './scripts/minify-css.mjs';

/**
 * Builds `dist/peliqan-embed.js`, the one self-contained classic script (lit and zod inside).
 * The ESM entries and their `.d.ts` come from `tsc -p tsconfig.build.json` (see `npm run build`).
 */
export default defineConfig({
  plugins: [minifyCssPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    // terser packs this bundle about 3 % tighter than esbuild.
    minify: 'terser',
    terserOptions: {
      ecma: 2020,
      module: true,
      toplevel: true,
      compress: { passes: 3 },
      format: { comments: false },
    },
    lib: {
      entry: 'src/embed.ts',
      formats: ['iife'],
      name: 'PeliqanEmbedBundle',
      fileName: () => 'peliqan-embed.js',
    },
  },
});
