/**
 * Drives the demo in Chromium and saves a screenshot of each state of the credential flow:
 *   npx tsx scripts/screenshots.ts [outDir]   (starts its own demo server on a free port)
 * For looking at what the widget shows; nothing here asserts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome-path.mjs';

const out = process.argv[2] ?? '/tmp/peliqan-screens';
mkdirSync(out, { recursive: true });
const port = 5400 + Math.floor(Math.random() * 500);
const server = spawn('npx', ['tsx', 'demo/serve.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    PELIQAN_FAKE_PORT: String(port + 1000),
    PELIQAN_FAKE_OAUTH_PORT: String(port + 1001),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) =>
  server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('demo') && resolve()),
);

const browser = await chromium.launch({
  executablePath: chromePath(),
  args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
});
const shoot = async (page: Page, name: string) => {
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  console.log(`${out}/${name}.png`);
};
try {
  for (const [name, viewport] of [
    ['desktop', { width: 1400, height: 900 }],
    ['mobile', { width: 320, height: 740 }],
  ] as const) {
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(10_000);
    await page.goto(`http://localhost:${port}/`);
    await page.getByRole('button', { name: /Stripe/ }).waitFor();
    await shoot(page, `${name}-1-picker`);
    await page.getByLabel('Search connectors').fill('post');
    await shoot(page, `${name}-2-search`);
    await page.getByRole('button', { name: /Postgres/ }).click();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await shoot(page, `${name}-3-invalid`);
    const field = (name: string) => page.getByRole('textbox', { name, exact: true });
    await field('Host').fill('db.acme.example');
    await field('Username').fill('reporting');
    await field('Password').fill('invalid');
    await field('Database').fill('sales');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText('Testing connection…').waitFor();
    await shoot(page, `${name}-4-testing`);
    await page.getByRole('alert').waitFor();
    await shoot(page, `${name}-5-failed`);
    await field('Password').fill('correct-horse');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: /Connected to Postgres/ }).waitFor();
    await shoot(page, `${name}-6-connected`);
    await page.close();
  }
  // Trouble and theming: a catalogue that cannot be loaded, then the dark theme.
  const fake = `http://127.0.0.1:${port + 1000}`;
  const control = (path: string, body: unknown) =>
    fetch(`${fake}/__fake/${path}`, { method: 'POST', body: JSON.stringify(body) });
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.setDefaultTimeout(10_000);
  await control('faults', { drop: { 'GET /api/servertypes': 50 } });
  await page.goto(`http://localhost:${port}/`);
  await page.getByRole('button', { name: 'Retry' }).waitFor();
  await shoot(page, 'error-retry');
  await control('faults', { drop: {} });
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('button', { name: /Stripe/ }).waitFor();
  await page.getByLabel('Theme').selectOption('dark');
  await shoot(page, 'dark-picker');
  await page.getByRole('button', { name: /Stripe/ }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await shoot(page, 'dark-invalid');
  await page.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.kill();
}
