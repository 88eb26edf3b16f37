/**
 * What a partner gets from `npm install peliqan-embed`. The package is packed from a fresh copy of this
 * repository (what git would check out: no `dist`, so `prepack` must build it), installed offline into
 * an empty folder with nothing but its own dependencies, then each entry is imported in Node and a small
 * consumer is type-checked with `moduleResolution` `node`, `nodenext` and `bundler`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { printedUntil } from '../support/child.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'peliqan-embed-package-'));
const clone = join(work, 'clone');
const consumer = join(work, 'consumer');

interface Manifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  exports: Record<string, string | { types?: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  bin: Record<string, string>;
  sideEffects: string[];
  customElements: string;
}

let manifest: Manifest;
/** The files in the tarball, as paths inside the package. */
let packed: string[];

/** Copies what a clone of this repository holds: the files git tracks or would, none it ignores. */
async function freshCopy(): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(root, file), join(clone, file));
  }
  // `npm ci` on the copy would fetch the same tree again; the build tools are this checkout's.
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
}

/** `names` and every package they depend on, as this repository's lockfile resolves them. */
function withDependencies(names: string[]): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string> }>;
  };
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    found.add(name);
    for (const dependency of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {})) visit(dependency);
  };
  names.forEach(visit);
  return [...found];
}

/** Runs `source` as an ES module in the consumer's folder and returns what it printed as JSON. */
async function inConsumer(source: string): Promise<any> {
  const file = join(consumer, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  const { stdout } = await run(process.execPath, [file], { cwd: consumer });
  return JSON.parse(stdout);
}

/** Makes the optional peers a React or Vue app has anyway visible to the consumer (this checkout's copies). */
function linkPeers(names: string[]): void {
  for (const name of names) {
    const link = join(consumer, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
}

/** The package's subpath entries that carry types, e.g. `api` for `./api`. */
const typedSubpaths = () =>
  Object.entries(manifest.exports)
    .filter(([path, target]) => path !== '.' && typeof target === 'object' && target.types)
    .map(([path, target]) => [path.slice(2), (target as { types: string }).types] as const);

before(async () => {
  await freshCopy();
  await run('npm', ['pack', '--pack-destination', work, '--loglevel', 'error'], {
    cwd: clone,
    maxBuffer: 64 * 1024 * 1024,
  });
  manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as Manifest;
  const tarball = join(work, `${manifest.name}-${manifest.version}.tgz`);
  const { stdout } = await run('tar', ['-tzf', tarball], { maxBuffer: 16 * 1024 * 1024 });
  packed = stdout
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));

  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Offline: the tarball, and its dependencies from this checkout's node_modules (as packed copies, not links).
  const dependencies = withDependencies(Object.keys(manifest.dependencies));
  await run(
    'npm',
    [
      'install',
      '--offline',
      '--install-links',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
      tarball,
      ...dependencies.map((name) => join(root, 'node_modules', name)),
    ],
    { cwd: consumer },
  );
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  test('npm pack on a fresh clone builds and packs dist, and no map that points at unshipped sources', () => {
    for (const file of ['dist/index.js', 'dist/api/index.js', 'dist/server/bin.js', 'dist/fake/cli.js']) {
      assert.ok(packed.includes(file), `${file} is packed`);
    }
    assert.ok(packed.every((file) => !file.startsWith('src/')));
    // A map either carries the sources it names or is not shipped: the package has no src/ to point at.
    const maps = packed.filter((file) => file.endsWith('.map'));
    assert.ok(maps.length > 0, 'the script tag ships its map');
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(clone, file), 'utf8')) as {
        sources: string[];
        sourcesContent?: unknown[];
      };
      const carried = (map.sourcesContent ?? []).filter((content) => typeof content === 'string').length;
      assert.equal(carried, map.sources.length, `${file} carries every source it names`);
    }
  });

  test('ships the script tag: the loader, every file it names, and the all-in-one file', () => {
    for (const file of ['dist/peliqan-embed.js', 'dist/peliqan-embed.all.js']) assert.ok(packed.includes(file), file);
    const chunks = JSON.parse(readFileSync(join(clone, 'dist/chunks/manifest.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    const named = [...new Set(Object.values(chunks).flat())];
    assert.ok(named.length > 0);
    for (const file of named) assert.ok(packed.includes(`dist/${file}`), `dist/${file} is packed`);
    const loader = readFileSync(join(clone, 'dist/peliqan-embed.js'), 'utf8');
    for (const file of named) assert.ok(loader.includes(file), `the loader knows ${file}`);
  });

  test('names in exports, typesVersions, bin, sideEffects and customElements only files it ships', () => {
    const targets = [
      ...Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
      ...Object.values(manifest.typesVersions['*']!).flat(),
      ...Object.values(manifest.bin),
      manifest.customElements,
    ].map((target) => target.replace(/^\.\//, ''));
    for (const target of targets) assert.ok(packed.includes(target), `${target} is packed`);
    assert.equal(manifest.exports['./custom-elements.json'], './dist/custom-elements.json');
    for (const pattern of manifest.sideEffects) {
      const prefix = pattern.replace(/^\.\//, '').replace(/\*.*$/, '');
      assert.ok(
        packed.some((file) => file.startsWith(prefix)),
        `sideEffects names ${pattern}, which is packed`,
      );
    }
  });

  test('every typed subpath export has its typesVersions entry, for moduleResolution "node"', () => {
    for (const [subpath, types] of typedSubpaths()) {
      assert.deepEqual(manifest.typesVersions['*']![subpath], [types], `typesVersions for ${subpath}`);
    }
  });
});

describe('installed into an empty folder', () => {
  test('peliqan-embed/api, /server and /fake import in Node; the fake answers', async () => {
    const seen = await inConsumer(`
      const api = await import('peliqan-embed/api');
      const server = await import('peliqan-embed/server');
      const { startFakePeliqan } = await import('peliqan-embed/fake');
      const fake = await startFakePeliqan();
      const answer = await fetch(fake.url + '/api/servertypes', { headers: { Authorization: 'JWT ' + fake.partnerToken } });
      const connectors = (await answer.json()).length;
      await fake.close();
      console.log(JSON.stringify({
        client: typeof api.PeliqanClient,
        tokenHandler: typeof server.createTokenHandler,
        partner: typeof server.PeliqanPartner,
        status: answer.status,
        connectors,
      }));
    `);
    assert.deepEqual(seen, {
      client: 'function',
      tokenHandler: 'function',
      partner: 'function',
      status: 200,
      connectors: 40,
    });
  });

  test('every export resolves to a shipped file (the root and /react need a DOM to run); /react without @lit/react names it', async () => {
    // A React app that has not installed the optional @lit/react.
    linkPeers(withDependencies(['react']));
    const entries = Object.keys(manifest.exports).map((path) => `${manifest.name}${path.slice(1)}`);
    const seen = await inConsumer(`
      import { existsSync } from 'node:fs';
      import { fileURLToPath } from 'node:url';
      const entries = ${JSON.stringify(entries)};
      const resolved = Object.fromEntries(entries.map((entry) => [entry, existsSync(fileURLToPath(import.meta.resolve(entry)))]));
      const react = await import('peliqan-embed/react').then(() => 'imported', (error) => error.message);
      console.log(JSON.stringify({ resolved, react }));
    `);
    assert.equal(Object.keys(seen.resolved).length, entries.length);
    assert.ok(Object.values(seen.resolved).every(Boolean), JSON.stringify(seen.resolved));
    assert.match(seen.react, /Cannot find package '@lit\/react'/);
  });

  test('the bins run: peliqan-fake, and peliqan-embed check against it, naming owners by function', async () => {
    const fake: ChildProcess = spawn(
      join(consumer, 'node_modules/.bin/peliqan-fake'),
      ['--port', '0', '--oauth-port', '0'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const printed = await printedUntil(fake.stdout!, 'Press Ctrl+C');
      const url = /Fake Peliqan API\s+(\S+)/.exec(printed)![1]!;
      const { stdout } = await run(join(consumer, 'node_modules/.bin/peliqan-embed'), ['check'], {
        env: { ...process.env, PELIQAN_BASE_URL: url, PELIQAN_PARTNER_TOKEN: 'fake-partner-token' },
      });
      const findings = stdout.split('\n').filter((line) => /^(held|not held|not checked) /.test(line));
      assert.ok(findings.length > 10, stdout);
      assert.ok(
        findings.every((line) => /\[[^\]]*\(\)[^\]]*\]$|\[connectionSchema\]$/.test(line)),
        stdout,
      );
      assert.doesNotMatch(stdout, /src\//);
    } finally {
      fake.kill('SIGTERM');
      await once(fake, 'exit');
    }
  });

  test('a consumer type-checks with moduleResolution node, nodenext and bundler', async () => {
    linkPeers(withDependencies(['@lit/react', 'react', '@types/react', 'vue', '@types/node']));
    const everyEntry = typedSubpaths()
      .map(([subpath], index) => `import type * as entry${index} from 'peliqan-embed/${subpath}';`)
      .join('\n');
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `${everyEntry}
import type { PeliqanConnectedDetail, PeliqanConnect as ConnectElement } from 'peliqan-embed';
import { PeliqanClient } from 'peliqan-embed/api';
import { createTokenHandler, type PeliqanPartner } from 'peliqan-embed/server';
import { startFakePeliqan } from 'peliqan-embed/fake';
import { PeliqanConnect } from 'peliqan-embed/react';
import type {} from 'peliqan-embed/vue';
import type { ComponentProps } from 'react';
import type { GlobalComponents } from 'vue';

export type Entries = [${typedSubpaths()
        .map((_, index) => `typeof entry${index}`)
        .join(', ')}];
export const client: PeliqanClient = new PeliqanClient({ baseUrl: 'https://app.eu.peliqan.io', token: 'a token' });
export const connected = (detail: PeliqanConnectedDetail): string | number => detail.connectionId;
export const wrapper: typeof PeliqanConnect = PeliqanConnect;
export type InVueTemplates = GlobalComponents['peliqan-connect'];
export const element: ConnectElement = document.createElement('peliqan-connect');
export const handler = (partner: PeliqanPartner) => createTokenHandler({ partner, identify: () => null });
export const fake = startFakePeliqan({ port: 0 });
// @ts-expect-error typed, not any: a token handler needs a partner
createTokenHandler({});
// @ts-expect-error typed, not any: the client takes no number
new PeliqanClient(1);
// @ts-expect-error typed, not any: an event prop takes a handler
export const props: ComponentProps<typeof PeliqanConnect> = { onPeliqanConnected: 1 };
`,
    );
    const modes = {
      node: { module: 'esnext', moduleResolution: 'node' },
      nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
      bundler: { module: 'esnext', moduleResolution: 'bundler' },
    };
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const failures = await Promise.all(
      Object.entries(modes).map(async ([mode, options]) => {
        const config = join(consumer, `tsconfig.${mode}.json`);
        const compilerOptions = {
          ...options,
          target: 'es2022',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: ['node'],
          strict: true,
          // As \`tsc --init\` sets it: @lit/react's own types default-import React, which under
          // moduleResolution "node" needs it (without it the React wrappers read as \`any\`).
          esModuleInterop: true,
          noEmit: true,
          // As most apps set it (\`tsc --init\` does); the @ts-expect-error lines above fail should a
          // declaration of ours resolve to \`any\` instead of its types.
          skipLibCheck: true,
        };
        writeFileSync(config, JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
        try {
          await run(process.execPath, [tsc, '-p', config], { cwd: consumer });
          return undefined;
        } catch (error) {
          return `${mode}:\n${(error as { stdout?: string }).stdout ?? String(error)}`;
        }
      }),
    );
    assert.deepEqual(failures.filter(Boolean), []);
  });
});
