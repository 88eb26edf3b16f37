// Makes sure a Chrome/Chromium is there before the browser tests: installs Debian's `chromium` when
// running as root with apt-get, otherwise stops with one line saying what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromePath } from './chrome-path.mjs';

if (!chromePath()) {
  if (process.env.CHROME_PATH) {
    console.error(
      `CHROME_PATH=${process.env.CHROME_PATH} does not exist: point it at a Chrome or Chromium executable.`,
    );
    process.exit(1);
  }
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log("No Chrome/Chromium found: installing Debian's chromium (apt-get install -y chromium)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (!install || install.status !== 0 || !chromePath()) {
      console.error(
        'Could not install chromium with apt-get: install Chrome or Chromium yourself and set CHROME_PATH=/path/to/chrome.',
      );
      process.exit(1);
    }
  } else {
    console.error(
      'Browser tests need Chrome or Chromium: install it (Debian: sudo apt-get install chromium) or set CHROME_PATH=/path/to/chrome.',
    );
    process.exit(1);
  }
}
