/** The loader's table of files (`scripts/build-script-tag.mjs`): per module, its entry first, then its imports. */
declare module 'peliqan:chunks' {
  const chunks: Record<string, string[]>;
  export default chunks;
}
