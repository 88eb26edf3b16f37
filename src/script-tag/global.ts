/**
 * `window.PeliqanEmbed` of the script tag (product spec §2), the same in the loader and in the
 * all-in-one file: there at once, forwarding to the code once it has loaded (calls made before wait,
 * in order); and the autoloader, which loads an element's code the first time the element is in the
 * document (a `MutationObserver`, as Shoelace's autoloader does). Elements already in the page are
 * upgraded when their code arrives. Only the first copy on a page does anything: a second loader, or
 * the loader and the all-in-one file together, never define anything twice.
 */
import type { DialogResult } from '../components/connect-button/connect-button.js';
import { reasonOf } from '../api/errors.js';
import { TOKEN_SETTINGS, type PeliqanConfig } from '../config.js';
import { isPeliqanEmbed, markAsPeliqanEmbed } from '../embed-global.js';
import type { PeliqanErrorDetail } from '../events.js';
import type { Messages } from '../i18n/messages.js';
import type { OpenOptions } from '../open.js';
import { version } from '../version.js';
import type { LoadedModules, ModuleLoaders, ModuleName } from './modules.js';
import { showUnreachable } from '../components/unreachable-view.js';

type Core = LoadedModules['core'];

/** What the script tag puts on `window`. */
export interface PeliqanEmbedGlobal {
  /** The package version. */
  readonly version: string;
  /** Page-wide settings (product spec §3); before the code has loaded they wait for it. */
  configure(options: PeliqanConfig): void;
  /** Forgets every token, catalogue and connection state, and empties every form. */
  reset(): void;
  /** Rewords messages or adds a language. */
  registerMessages(language: string, messages: Messages): void;
  /** Opens the flow in a dialog; its code loads first. Resolves with the connection made, or null. */
  open(options?: OpenOptions): Promise<DialogResult>;
  /** Loads the code of the peliqan elements in `root`: for elements in a shadow root of the page's own. */
  discover(root: ParentNode): void;
}

declare global {
  interface Window {
    /** Set by `dist/peliqan-embed.js` (or `dist/peliqan-embed.all.js`). */
    PeliqanEmbed?: PeliqanEmbedGlobal;
  }
}

/** How one copy of the script tag gets its code. */
export interface ScriptTag {
  modules: ModuleLoaders;
  /** Fetches a module's files without running them, so that they come in parallel with the core. */
  prefetch?(name: ModuleName): void;
  /** Requests to start while the code is on its way, handed to it once it is there (the loader's). */
  early?: EarlyStart;
}

/** The loader's early requests (`src/api/early-requests.ts`, its own copy). */
export interface EarlyStart {
  start(settings: PeliqanConfig): void;
  handOver(core: Core): void;
  forget(): void;
}

/** The settings the early requests are made for: the token settings, and where the catalogue comes from. */
const EARLY_SETTINGS = [...TOKEN_SETTINGS, 'catalogueUrl'] as const;

/**
 * The modules that ask Peliqan nothing when they arrive: a connect button asks (and starts its early
 * requests itself) only when the pointer or focus reaches it. Any other element asks at once.
 */
const ASKS_LATER: readonly ModuleName[] = ['core', 'peliqan-connect-button'];

/** Puts `window.PeliqanEmbed` on the page and starts the autoloader, unless a copy of ours is there. */
export function installPeliqanEmbed(script: ScriptTag): void {
  // Whatever else holds the name (an element clobbering it) gives way; an earlier copy of ours stays.
  if (isPeliqanEmbed(window.PeliqanEmbed)) return;
  const { modules, early } = script;
  const tags = (Object.keys(modules) as ModuleName[]).filter((name) => name.startsWith('peliqan-'));
  const selector = tags.join(',');
  /** The page's `configure()` calls so far, merged: where the loader's early requests go. */
  let settings: PeliqanConfig = {};
  let core: Core | undefined;
  let coreLoad: Promise<Core> | undefined;
  /** A module that asks Peliqan at once is on its way, and the core is not there yet. */
  let asking = false;
  const waiting: ((core: Core) => void)[] = [];
  const requested = new Set<string>();
  /** Where elements may be: the document, and the shadow roots given to `discover()`. */
  const roots = new Set<ParentNode>([document]);
  /** Failures already reported: one `peliqan-error` for one failure, however many elements it stops. */
  const reported = new WeakSet<object>();

  const forward = (call: (core: Core) => void) => (core ? call(core) : void waiting.push(call));
  const startEarly = () => {
    if (asking && !core) early?.start(settings);
  };

  /** The core, then the calls that waited for it, in order: before any element's code runs. */
  function withCore(): Promise<Core> {
    if (!coreLoad) {
      script.prefetch?.('core');
      coreLoad = modules.core().then(
        (loaded) => {
          for (const call of waiting.splice(0)) call(loaded);
          early?.handOver(loaded);
          core = loaded;
          asking = false;
          return loaded;
        },
        (error: unknown) => {
          coreLoad = undefined;
          asking = false;
          throw error;
        },
      );
    }
    return coreLoad;
  }

  /**
   * A module's code, fetched in parallel with the core's but run after it; the requests an element
   * makes first go out meanwhile: its token, and the catalogue (the partner's at once, Peliqan's as
   * soon as the token is in).
   */
  function load<Name extends ModuleName>(name: Name): Promise<LoadedModules[Name]> {
    // The core first: it is small, and every module waits for it.
    const core = withCore();
    script.prefetch?.(name);
    const loaded = core.then(() => modules[name]());
    if (!ASKS_LATER.includes(name)) {
      asking = true;
      startEarly();
    }
    return loaded;
  }

  function report(target: EventTarget, error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (reported.has(error)) return;
      reported.add(error);
    }
    const message = reasonOf(error);
    // For the partner's developer, who reads the console rather than the customer's screen.
    console.error(`peliqan-embed: the widget's code could not be loaded: ${message}`);
    const detail: PeliqanErrorDetail = { code: 'network', message };
    target.dispatchEvent(new CustomEvent('peliqan-error', { detail, bubbles: true, composed: true }));
  }

  /** Loads an element's code once; when that fails, its elements show the error with Retry. */
  function loadElement(tag: ModuleName): void {
    if (requested.has(tag) || customElements.get(tag)) return;
    requested.add(tag);
    load(tag).then(
      () => {
        if (tags.every((name) => customElements.get(name))) observer.disconnect();
      },
      (error: unknown) => {
        requested.delete(tag);
        const stopped = [...roots].flatMap((root) => [...root.querySelectorAll(`${tag}:not(:defined)`)]);
        for (const host of stopped) {
          const language =
            host.getAttribute('language') || settings.language || host.closest('[lang]')?.getAttribute('lang');
          showUnreachable(host, language, () => loadElement(tag));
        }
        report(stopped[0] ?? document, error);
      },
    );
  }

  /**
   * Loads the code of the peliqan elements in `root`. One whose code is there already (another copy
   * defined it, or a bundle) still brings the core, so that the calls made to this global take effect.
   */
  function discover(root: ParentNode): void {
    if (root !== document && !(root instanceof Element)) roots.add(root);
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.push(root);
    for (const element of found) {
      const tag = element.localName as ModuleName;
      if (customElements.get(tag)) void withCore().catch(() => undefined);
      else loadElement(tag);
    }
  }

  const observer = new MutationObserver((mutations) => {
    for (const { addedNodes } of mutations) {
      for (const node of addedNodes) if (node instanceof Element) discover(node);
    }
  });

  window.PeliqanEmbed = markAsPeliqanEmbed({
    version,
    configure(options: PeliqanConfig) {
      const changed = EARLY_SETTINGS.some((key) => key in options && options[key] !== settings[key]);
      settings = { ...settings, ...options };
      // Other token settings (as for `configure()` itself, a reset), or another catalogue: what went out
      // early is not for them.
      if (changed) early?.forget();
      forward((loaded) => loaded.configure(options));
      startEarly();
    },
    reset() {
      early?.forget();
      forward((loaded) => loaded.reset());
    },
    registerMessages(language: string, messages: Messages) {
      forward((loaded) => loaded.registerMessages(language, messages));
    },
    open(options?: OpenOptions) {
      return load('open').then(
        (loaded) => loaded.open(options),
        (error: unknown) => {
          // Nothing to show the failure in: the partner hears it, and the promise says no connection.
          report(document, error);
          return null;
        },
      );
    },
    discover,
  } satisfies PeliqanEmbedGlobal);

  discover(document);
  observer.observe(document, { childList: true, subtree: true });
}
