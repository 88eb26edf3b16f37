/**
 * Test-runner plugin: lets browser tests act in the OAuth sign-in window the widget opened, as the
 * customer would — the window is on the fake provider's origin, out of the test page's reach.
 *   executeServerCommand('sign-in-window', { origin, action: 'allow' | 'deny' | 'close' | 'find' })
 *   executeServerCommand('open-windows', { origin })  → how many windows on that origin are open
 *   executeServerCommand('close-windows', { origin }) → closes them all (between tests)
 *   executeServerCommand('page-visibility', { hidden }) → puts another tab in front of the test page
 *     (its `visibilityState` becomes hidden), or takes it away again
 * With several windows on the origin, the newest is the one acted in.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Page } from 'puppeteer-core';

interface WindowPayload {
  origin: string;
  action?: 'allow' | 'deny' | 'close' | 'find';
}

/** The open windows on `origin` besides the test page (a window still being made is skipped). */
async function windowsOn(page: Page, origin: string): Promise<Page[]> {
  const pages = await page.browserContext().pages();
  return pages.filter((each) => {
    try {
      return each !== page && !each.isClosed() && each.url().startsWith(origin);
    } catch {
      return false;
    }
  });
}

export function signInWindowPlugin(): TestRunnerPlugin {
  const covers = new Map<string, Page>();
  return {
    name: 'sign-in-window',
    async executeCommand({ command, payload, session }) {
      if (command === 'page-visibility') {
        const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
        const { hidden } = payload as { hidden: boolean };
        if (hidden && !covers.has(session.id)) {
          const cover = await page.browserContext().newPage();
          await cover.bringToFront();
          covers.set(session.id, cover);
        }
        if (!hidden) {
          await covers.get(session.id)?.close();
          covers.delete(session.id);
          await page.bringToFront();
        }
        return true;
      }
      if (!['sign-in-window', 'open-windows', 'close-windows'].includes(command)) return undefined;
      const { origin, action = 'find' } = payload as WindowPayload;
      const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
      if (command === 'open-windows') return (await windowsOn(page, origin)).length;
      if (command === 'close-windows') {
        for (const each of await windowsOn(page, origin)) await each.close({ runBeforeUnload: false }).catch(() => {});
        return true;
      }
      await page
        .browserContext()
        .waitForTarget((each) => each.type() === 'page' && each.url().startsWith(origin), { timeout: 8_000 });
      const popup = (await windowsOn(page, origin)).at(-1)!;
      if (action === 'close') await popup.close({ runBeforeUnload: false });
      if (action === 'allow' || action === 'deny') {
        await popup.waitForSelector(`button[value="${action}"]`, { timeout: 8_000 });
        await popup.click(`button[value="${action}"]`);
      }
      return popup.url();
    },
  };
}
