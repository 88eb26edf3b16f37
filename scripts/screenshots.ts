/**
 * Drives the demo in Chromium and saves a screenshot of each state, for people to look at:
 *   npx tsx scripts/screenshots.ts [outDir] [--only=list,oauth,credential,picker] [--width=1280,360]
 *     [--theme=light,dark,brand] [--language=en] [--dir=ltr,rtl] [--sheets=docs/screens]
 * With --sheets, the states of each width / theme / language / direction are also laid out on one
 * captioned contact sheet (JPEG) in that folder: what docs/screens holds.
 * Starts its own demo server on free ports. Nothing here asserts: the tests do that.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromePath, playwrightChromeArgs } from './chrome-path.mjs';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  (args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback).split(',');
const out = args.find((arg) => !arg.startsWith('--')) ?? '/tmp/peliqan-screens';
const only = option('only', 'picker,credential,oauth,list,dialog,outage');
const widths = option('width', '1280,360').map(Number);
const themes = option('theme', 'light');
const languages = option('language', 'en');
const directions = option('dir', 'ltr');
const sheets = args.find((arg) => arg.startsWith('--sheets='))?.split('=')[1];
mkdirSync(out, { recursive: true });
/** The pictures taken, by contact sheet. */
const taken = new Map<string, { name: string; path: string }[]>();

const port = 5400 + Math.floor(Math.random() * 500);
const fakePort = port + 1000;
const server = spawn('npx', ['tsx', 'demo/serve.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    PELIQAN_FAKE_PORT: String(fakePort),
    PELIQAN_FAKE_OAUTH_PORT: String(port + 1001),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
  // Its own process group, so that the demo under npx and tsx ends with this script.
  detached: true,
});
await new Promise<void>((resolve) =>
  server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('demo') && resolve()),
);
const demo = `http://localhost:${port}/`;
const control = (path: string, body: unknown = {}) =>
  fetch(`http://127.0.0.1:${fakePort}/__fake/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const browser: Browser = await chromium.launch({
  executablePath: chromePath(),
  args: playwrightChromeArgs,
  ignoreDefaultArgs: ['--disable-popup-blocking'],
});

/** Saves the widget's card (or the whole page) as `<tag>-<name>.png`. */
async function shoot(page: Page, tag: string, name: string, what = 'main'): Promise<void> {
  await page.waitForTimeout(200);
  const path = `${out}/${tag}-${name}.png`;
  // 'viewport': what the customer sees, a dialog in the top layer over the page included.
  if (what === 'viewport') await page.screenshot({ path, animations: 'disabled' });
  else await page.locator(what).first().screenshot({ path, animations: 'disabled' });
  taken.set(tag, [...(taken.get(tag) ?? []), { name, path }]);
  console.log(path);
}

/** One captioned JPEG per width / theme / language / direction, the states side by side. */
async function contactSheets(folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (const [tag, shots] of taken) {
    const narrow = tag.startsWith('3');
    const figures = shots.map(
      ({ name, path }) =>
        `<figure><img src="data:image/png;base64,${readFileSync(path).toString('base64')}"><figcaption>${name}</figcaption></figure>`,
    );
    const page = await browser.newPage({ viewport: { width: narrow ? 1500 : 1400, height: 800 } });
    await page.setContent(`<!doctype html><style>
      body { margin: 16px; font: 14px system-ui, sans-serif; background: #e5e7eb; color: #111827; }
      h1 { font-size: 18px; margin: 0 0 12px; }
      main { display: grid; grid-template-columns: repeat(${narrow ? 5 : 3}, 1fr); gap: 16px; align-items: start; }
      figure { margin: 0; background: #fff; padding: 8px; border-radius: 6px; }
      img { inline-size: 100%; display: block; }
      figcaption { margin-block-start: 6px; font-weight: 600; }
    </style><h1>${tag}</h1><main>${figures.join('')}</main>`);
    await page.waitForLoadState('load');
    await page.screenshot({ path: `${folder}/${tag}.jpg`, fullPage: true, type: 'jpeg', quality: 60 });
    console.log(`${folder}/${tag}.jpg`);
    await page.close();
  }
}

async function open(width: number, theme: string, language: string, dir = 'ltr'): Promise<Page> {
  await fetch(`${demo}demo/reset`, { method: 'POST' });
  const page = await browser.newPage({
    viewport: { width, height: 900 },
    colorScheme: theme === 'dark' ? 'dark' : 'light',
  });
  page.setDefaultTimeout(15_000);
  await page.goto(demo);
  await look(page, theme, language, dir);
  await page.locator('peliqan-connections[state="ready"]').waitFor();
  return page;
}

/** The demo's theme and language, and the page's direction: chosen again after each load (the demo keeps none). */
async function look(page: Page, theme: string, language: string, dir: string): Promise<void> {
  await page.getByLabel('Theme').selectOption(theme);
  await page.getByLabel('Language').selectOption(language);
  // The demo has no right-to-left language: the page is turned around the way an Arabic or Hebrew
  // partner page would be, to see the widget follow.
  await page.evaluate((direction) => (document.documentElement.dir = direction), dir);
}

const card = 'section.card >> nth=0';
// Found by part, state and structure rather than by their English words: the same run works in
// every language.
const list = (page: Page) => page.locator('peliqan-connections');
const addButton = (page: Page) => list(page).locator('.head .primary');
const tile = (page: Page, connector: RegExp) =>
  page.locator('peliqan-connector-picker [part="tile"]').filter({ hasText: connector }).first();
const submit = (page: Page) => list(page).locator('peliqan-connect-form button[type="submit"]');
const oauthButton = (page: Page) => list(page).locator('peliqan-oauth-button button.primary:visible').first();
const formIn = (page: Page, state: string) => list(page).locator(`peliqan-connect-form[state="${state}"]`);
const oauthIn = (page: Page, state: string) => list(page).locator(`peliqan-oauth-button[state="${state}"]`);
const addConnection = async (page: Page, connector: RegExp) => {
  await addButton(page).click();
  await tile(page, connector).click();
};

try {
  for (const width of widths) {
    for (const theme of themes) {
      for (const language of languages) {
        for (const dir of directions) {
          const tag = `${width}-${theme}-${language}${dir === 'rtl' ? '-rtl' : ''}`;
          if (only.includes('list')) {
            const page = await open(width, theme, language, dir);
            await shoot(page, tag, 'list', card);
            await list(page).locator('.connection button[aria-expanded]').first().click();
            await page.locator('peliqan-connections .logs li').first().waitFor();
            await shoot(page, tag, 'logs', card);
            await page.close();
          }
          if (only.includes('picker')) {
            const page = await open(width, theme, language, dir);
            await addButton(page).click();
            await tile(page, /Stripe/).waitFor();
            await shoot(page, tag, 'picker', card);
            await page.getByRole('searchbox').fill('post');
            await shoot(page, tag, 'search', card);
            await page.getByRole('searchbox').fill('zzzz');
            await shoot(page, tag, 'no-match', card);
            await page.close();
          }
          if (only.includes('dialog')) {
            // The one-tag way: the flow in a dialog over the partner's page (a sheet on a phone).
            const page = await open(width, theme, language, dir);
            const button = page.locator('peliqan-connect-button');
            await button.locator('button[part="button"]').click();
            await tile(page, /Stripe/).waitFor();
            await shoot(page, tag, 'dialog', 'viewport');
            await tile(page, /Stripe/).click();
            const form = button.locator('peliqan-connect-form');
            await form.locator('input').first().waitFor();
            await shoot(page, tag, 'dialog-form', 'viewport');
            await form.locator('input').first().fill('rk_live_demo');
            await form.locator('button[type="submit"]').click();
            await button.locator('peliqan-connect-form[state="connected"]').waitFor();
            await shoot(page, tag, 'dialog-connected', 'viewport');
            await page.close();
          }
          if (only.includes('outage')) {
            // Peliqan unreachable: the list keeps its header, the badges their short labels.
            const page = await open(width, theme, language, dir);
            await control('faults', { drop: { 'GET /api/server/:id': 100000, 'GET /api/servers': 100000 } });
            await page.reload();
            await look(page, theme, language, dir);
            await page.locator('peliqan-connections [role="alert"]').waitFor({ timeout: 20_000 });
            await page.locator('peliqan-connection-status[state="error"]').first().waitFor({ timeout: 20_000 });
            await shoot(page, tag, 'outage', 'main');
            await control('faults', { drop: {} });
            await page.close();
          }
          if (only.includes('credential')) {
            const page = await open(width, theme, language, dir);
            await addConnection(page, /Postgres/);
            await shoot(page, tag, 'form', card);
            await submit(page).click();
            await shoot(page, tag, 'invalid', card);
            const field = (name: string) => page.getByRole('textbox', { name, exact: true });
            await field('Host').fill('db.acme.example');
            await field('Username').fill('reporting');
            await field('Password').fill('invalid');
            await field('Database').fill('sales');
            await submit(page).click();
            await formIn(page, 'waiting').waitFor();
            await shoot(page, tag, 'testing', card);
            await formIn(page, 'failed').waitFor();
            await shoot(page, tag, 'failed', card);
            await field('Password').fill('correct-horse');
            await submit(page).click();
            await formIn(page, 'connected').waitFor();
            await shoot(page, tag, 'connected', card);
            await page.close();
          }
          if (only.includes('oauth')) {
            const page = await open(width, theme, language, dir);
            await addConnection(page, /HubSpot/);
            await list(page).locator('peliqan-oauth-button [part~="notice"]').waitFor();
            await shoot(page, tag, 'oauth-notice', card);
            const [popup] = await Promise.all([page.waitForEvent('popup'), oauthButton(page).click()]);
            await oauthIn(page, 'waiting').waitFor();
            await page.waitForTimeout(500);
            await shoot(page, tag, 'oauth-waiting', card);
            await popup.getByRole('button', { name: 'Deny' }).click();
            await oauthIn(page, 'failed').waitFor();
            await shoot(page, tag, 'oauth-denied', card);
            // Blocked. Playwright's headless Chromium lets every window through, so for this picture the
            // page is told the browser refused it (the browser tests meet the real popup blocker).
            // Back: the first button of the form's header.
            await list(page).locator('peliqan-connect-form .step-head button').first().click();
            await tile(page, /HubSpot/).click();
            const realOpen = await page.evaluateHandle(() => window.open);
            await page.evaluate(() => (window.open = () => null));
            await oauthButton(page).click();
            await page.evaluate((original) => (window.open = original), realOpen);
            await list(page).locator('peliqan-oauth-button [role="alert"]').waitFor();
            await shoot(page, tag, 'oauth-blocked', card);
            const [second] = await Promise.all([page.waitForEvent('popup'), oauthButton(page).click()]);
            await page.waitForTimeout(3_500);
            await second.close();
            await page.waitForTimeout(500);
            await shoot(page, tag, 'oauth-closed-checking', card);
            // A window closed after the first 3 s gets a grace period (up to 10 s) for a late answer.
            await oauthIn(page, 'cancelled').waitFor({ timeout: 20_000 });
            await shoot(page, tag, 'oauth-closed', card);
            await page.close();
            const fresh = await open(width, theme, language, dir);
            await addConnection(fresh, /HubSpot/);
            const [third] = await Promise.all([fresh.waitForEvent('popup'), oauthButton(fresh).click()]);
            await third.getByRole('button', { name: 'Allow' }).click();
            await formIn(fresh, 'connected').waitFor();
            await shoot(fresh, tag, 'oauth-connected', card);
            await fresh.close();
          }
        }
      }
    }
  }
  if (sheets) await contactSheets(sheets);
  await control('reset');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  process.kill(-server.pid!);
}
