/** The script tag's files by their path inside dist/ (`peliqan-embed.js`, `chunks/…`), built in memory. */
export function buildScriptTag(options?: { minify?: boolean }): Promise<Map<string, string>>;
