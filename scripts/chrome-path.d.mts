/** The browser executable, or undefined when none is installed. */
export function chromePath(): string | undefined;
/** Flags for a headless Chromium on a closed network, as root if need be. */
export const chromeArgs: string[];
/** The same flags for Playwright, which sets headless mode itself. */
export const playwrightChromeArgs: string[];
