// Browser tests in real Chromium (Debian's, or CHROME_PATH), each file with its own fake Peliqan.
// Run through tsx (see package.json) so the fake's TypeScript loads in this Node process.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeArgs, chromePath } from './scripts/chrome-path.mjs';
import { fakePeliqanPlugin } from './test/support/fake-commands.ts';
import { signInWindowPlugin } from './test/support/window-commands.ts';
import { partnerBackEndPlugin } from './test/support/partner-commands.ts';
import { hostileOriginPlugin } from './test/support/hostile-commands.ts';

export default {
  files: ['test/browser/**/*.test.ts', 'test/components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  testsFinishTimeout: 180_000,
  browsers: [
    chromeLauncher({
      // Puppeteer turns the popup blocker off by default; the OAuth tests need it on, as in every
      // browser, so that a window opened after an \`await\` really is blocked.
      launchOptions: {
        executablePath: chromePath(),
        args: chromeArgs,
        ignoreDefaultArgs: ['--disable-popup-blocking'],
      },
      // Each test file in a window of its own: in one window only the front tab is visible, and the
      // widget pauses its status checks while its page is hidden (product spec §4).
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
    fakePeliqanPlugin(),
    signInWindowPlugin(),
    partnerBackEndPlugin(),
    hostileOriginPlugin(),
  ],
  testFramework: { config: { timeout: 20_000 } },
  filterBrowserLogs: ({ type }) => type === 'error' || type === 'warn',
};
