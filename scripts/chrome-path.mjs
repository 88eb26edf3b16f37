// Finds the Chrome/Chromium the browser tests and the demo screenshots run in: CHROME_PATH, else a
// system install (Debian's `chromium` first). No tool here downloads a browser.
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The browser executable, or undefined when none is installed. */
export function chromePath() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  return candidates.find((path) => existsSync(path));
}

/** Flags for a headless Chromium on a closed network, as root if need be. */
export const chromeArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

/** The same flags for Playwright, which sets headless mode itself. */
export const playwrightChromeArgs = chromeArgs.filter((arg) => !arg.startsWith('--headless'));
