/** What the end-to-end tests share: a page server on a free loopback port, and Chromium through Playwright. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { chromePath, playwrightChromeArgs } from '../../scripts/chrome-path.mjs';

/** Starts `server` on a free port of 127.0.0.1; its origin (`http://127.0.0.1:<port>`). */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** This machine's Chromium, headless, with the closed network's flags. */
export const launchChromium = (options: LaunchOptions = {}): Promise<Browser> =>
  chromium.launch({ executablePath: chromePath(), args: playwrightChromeArgs, ...options });
