/**
 * Drives the demo in Chromium and saves a screenshot of each state, for people to look at:
 *   npx tsx scripts/screenshots.ts [outDir] [--only=list,oauth,credential,picker] [--width=1280,360]
 *     [--theme=light,dark,brand] [--language=en]
 * Starts its own demo server on free ports. Nothing here asserts: the tests do that.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  (args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback).split(',');
const out = args.find((arg) => !arg.startsWith('--')) ?? '/tmp/peliqan-screens';
const only = option('only', 'picker,credential,oauth,list');
const widths = option('width', '1280,360').map(Number);
const themes = option('theme', 'light');
const languages = option('language', 'en');
mkdirSync(out, { recursive: true });

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
  args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
  ignoreDefaultArgs: ['--disable-popup-blocking'],
});

/** Saves the widget's card (or the whole page) as `<name>.png`. */
async function shoot(page: Page, name: string, what = 'main'): Promise<void> {
  await page.waitForTimeout(200);
  await page
    .locator(what)
    .first()
    .screenshot({ path: `${out}/${name}.png`, animations: 'disabled' });
  console.log(`${out}/${name}.png`);
}

async function open(width: number, theme: string, language: string): Promise<Page> {
  await fetch(`${demo}demo/reset`, { method: 'POST' });
  const page = await browser.newPage({
    viewport: { width, height: 900 },
    colorScheme: theme === 'dark' ? 'dark' : 'light',
  });
  page.setDefaultTimeout(15_000);
  await page.goto(demo);
  await page.getByLabel('Theme').selectOption(theme);
  await page.getByLabel('Language').selectOption(language);
  await page.locator('peliqan-connections[state="ready"]').waitFor();
  return page;
}

const card = 'section.card >> nth=0';
const addConnection = async (page: Page, connector: RegExp) => {
  await page
    .locator('peliqan-connections')
    .getByRole('button', { name: /Add connection|Verbinding toevoegen|Ajouter|hinzufügen/ })
    .click();
  await page.locator('peliqan-connector-picker').getByRole('button', { name: connector }).first().click();
};

try {
  for (const width of widths) {
    for (const theme of themes) {
      for (const language of languages) {
        const tag = `${width}-${theme}-${language}`;
        if (only.includes('list')) {
          const page = await open(width, theme, language);
          await shoot(page, `${tag}-list`, card);
          await page.getByRole('button', { name: /Logs/ }).first().click();
          await page.locator('peliqan-connections .logs li').first().waitFor();
          await shoot(page, `${tag}-logs`, card);
          await page.close();
        }
        if (only.includes('picker')) {
          const page = await open(width, theme, language);
          await page
            .locator('peliqan-connections')
            .getByRole('button', { name: /Add connection/ })
            .click();
          await page.getByRole('button', { name: /Stripe/ }).waitFor();
          await shoot(page, `${tag}-picker`, card);
          await page.getByRole('searchbox').fill('post');
          await shoot(page, `${tag}-search`, card);
          await page.getByRole('searchbox').fill('zzzz');
          await shoot(page, `${tag}-no-match`, card);
          await page.close();
        }
        if (only.includes('credential')) {
          const page = await open(width, theme, language);
          await addConnection(page, /Postgres/);
          await shoot(page, `${tag}-form`, card);
          await page.getByRole('button', { name: 'Connect', exact: true }).click();
          await shoot(page, `${tag}-invalid`, card);
          const field = (name: string) => page.getByRole('textbox', { name, exact: true });
          await field('Host').fill('db.acme.example');
          await field('Username').fill('reporting');
          await field('Password').fill('invalid');
          await field('Database').fill('sales');
          await page.getByRole('button', { name: 'Connect', exact: true }).click();
          await page.getByText('Testing connection…').first().waitFor();
          await shoot(page, `${tag}-testing`, card);
          await page.locator('peliqan-connect-form[state="failed"]').waitFor();
          await shoot(page, `${tag}-failed`, card);
          await field('Password').fill('correct-horse');
          await page.getByRole('button', { name: 'Connect', exact: true }).click();
          await page.locator('peliqan-connect-form[state="connected"]').waitFor();
          await shoot(page, `${tag}-connected`, card);
          await page.close();
        }
        if (only.includes('oauth')) {
          const page = await open(width, theme, language);
          await addConnection(page, /HubSpot/);
          await page.locator('peliqan-connections').getByText('Powered by Peliqan').waitFor();
          await shoot(page, `${tag}-oauth-notice`, card);
          const [popup] = await Promise.all([
            page.waitForEvent('popup'),
            page.getByRole('button', { name: 'Connect HubSpot' }).click(),
          ]);
          await page.getByRole('button', { name: 'Reopen window' }).waitFor();
          await shoot(page, `${tag}-oauth-waiting`, card);
          await popup.getByRole('button', { name: 'Deny' }).click();
          await page.locator('peliqan-oauth-button[state="failed"]').waitFor();
          await shoot(page, `${tag}-oauth-denied`, card);
          // Blocked. Playwright's headless Chromium lets every window through, so for this picture the
          // page is told the browser refused it (the browser tests meet the real popup blocker).
          await page.getByRole('button', { name: 'Back' }).click();
          await page
            .locator('peliqan-connector-picker')
            .getByRole('button', { name: /HubSpot/ })
            .click();
          const realOpen = await page.evaluateHandle(() => window.open);
          await page.evaluate(() => (window.open = () => null));
          await page.locator('peliqan-connections').getByRole('button', { name: 'Connect HubSpot' }).click();
          await page.evaluate((original) => (window.open = original), realOpen);
          await page.getByRole('button', { name: 'Open sign-in window' }).waitFor();
          await shoot(page, `${tag}-oauth-blocked`, card);
          const [second] = await Promise.all([
            page.waitForEvent('popup'),
            page.getByRole('button', { name: 'Open sign-in window' }).click(),
          ]);
          await page.waitForTimeout(3_500);
          await second.close();
          await page.getByText(/The sign-in window was closed/).waitFor();
          await shoot(page, `${tag}-oauth-closed`, card);
          await page.close();
          const fresh = await open(width, theme, language);
          await addConnection(fresh, /HubSpot/);
          const [third] = await Promise.all([
            fresh.waitForEvent('popup'),
            fresh.getByRole('button', { name: 'Connect HubSpot' }).click(),
          ]);
          await third.getByRole('button', { name: 'Allow' }).click();
          await fresh.locator('peliqan-connect-form[state="connected"]').waitFor();
          await shoot(fresh, `${tag}-oauth-connected`, card);
          await fresh.close();
        }
      }
    }
  }
  await control('reset');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.kill();
}
