import { sendMouse } from '@web/test-runner-commands';

/**
 * Finding things the way a person does — by label, by role and name, by text — through open shadow
 * roots, and waiting for them to appear.
 */

/** Every element under `root`, shadow roots included. */
export function deepAll(root: ParentNode): Element[] {
  const found: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  return [...new Set(found)];
}

/**
 * The words under `root` (shadow roots included) that the layout broke over two lines, as a customer
 * would see them ("Verbind-en"): each with the text it is in. Hidden text has no boxes and is skipped.
 */
export function brokenWords(root: Element): string[] {
  const broken: string[] = [];
  for (const element of [root, ...deepAll(root)]) {
    for (const node of element.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
      for (const match of node.textContent.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        if (range.getClientRects().length > 1) broken.push(`${match[0]} (in "${node.textContent.trim()}")`);
      }
    }
  }
  return broken;
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').replace(/ \*$/, '').trim();

/**
 * The text a node gives its accessible name: a slot gives what is assigned to it, else its own
 * default content; what is `aria-hidden` gives nothing.
 */
function shownText(node: Node): string {
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedNodes({ flatten: true });
    if (assigned.length) return assigned.map(shownText).join('');
  }
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(shownText).join('');
}

/** An element's accessible name, as far as these tests need it. */
export function nameOf(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = element.getRootNode() as Document | ShadowRoot;
    return labelledBy
      .split(' ')
      .map((id) => clean(root.getElementById(id)?.textContent))
      .join(' ');
  }
  const label = element.getAttribute('aria-label');
  if (label) return label;
  if ('labels' in element && (element as HTMLInputElement).labels?.length) {
    const label = (element as HTMLInputElement).labels![0]!.cloneNode(true) as HTMLElement;
    label.querySelectorAll('input, select, textarea').forEach((control) => control.remove());
    return clean(label.textContent);
  }
  return clean(shownText(element));
}

const roles: Record<string, string> = {
  button: 'button',
  textbox: 'input:not([type]), input[type=text], input[type=password], input[type=search], textarea',
  searchbox: 'input[type=search]',
  checkbox: 'input[type=checkbox]',
  combobox: 'select',
  heading: 'h1, h2, h3, h4',
  alert: '[role=alert]',
  status: '[role=status]',
  list: 'ul, ol',
  listitem: 'li',
  link: 'a[href]',
  dialog: 'dialog, [role=dialog]',
};

const matches = (text: string, wanted: string | RegExp) =>
  typeof wanted === 'string' ? text === wanted : wanted.test(text);

/** All elements of a role (`button`, `textbox`, …) whose name matches, as far as they are shown. */
export function allByRole<T extends HTMLElement = HTMLElement>(
  root: ParentNode,
  role: string,
  name?: string | RegExp,
): T[] {
  const selector = roles[role] ?? `[role=${role}]`;
  return deepAll(root).filter(
    (element) =>
      element.matches(selector) &&
      !element.closest('[hidden]') &&
      element.checkVisibility() &&
      (name === undefined || matches(nameOf(element), name)),
  ) as T[];
}

export function byRole<T extends HTMLElement = HTMLElement>(root: ParentNode, role: string, name?: string | RegExp): T {
  const found = allByRole<T>(root, role, name);
  if (found.length !== 1) throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0]!;
}

/** The form control labelled `label`. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string | RegExp): T {
  const found = deepAll(root).filter(
    (element) => element.matches('input, select, textarea') && matches(nameOf(element), label),
  );
  if (found.length !== 1) throw new Error(`Expected one control labelled ${String(label)}, found ${found.length}`);
  return found[0] as T;
}

/** Elements whose own text matches. */
export function allByText(root: ParentNode, text: string | RegExp): HTMLElement[] {
  return deepAll(root).filter(
    (element) =>
      !element.closest('[hidden]') &&
      matches(clean(element.textContent), text) &&
      ![...element.children].some((child) => matches(clean(child.textContent), text)),
  ) as HTMLElement[];
}

export const byText = (root: ParentNode, text: string | RegExp): HTMLElement => {
  const found = allByText(root, text);
  if (!found.length) throw new Error(`No element with text ${String(text)}`);
  return found[0]!;
};

/**
 * Retries `find` until it returns something truthy without throwing (or `timeout` ms pass). An async
 * `find` is awaited: its promise is not an answer.
 */
export async function waitFor<T>(
  find: () => T | Promise<T>,
  timeout = 5000,
): Promise<Exclude<T, null | undefined | false>> {
  const started = Date.now();
  for (;;) {
    try {
      const result = await find();
      if (result !== undefined && result !== null && result !== false)
        return result as Exclude<T, null | undefined | false>;
      throw new Error('not yet');
    } catch (error) {
      if (Date.now() - started > timeout) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Collects the named events fired on `target`. */
export function recordEvents(target: EventTarget, types: string[]): { type: string; detail: any }[] {
  const seen: { type: string; detail: any }[] = [];
  for (const type of types)
    target.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
  return seen;
}

/** Types into an input the way a browser would (value, then an input event). */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/**
 * Clicks `element` as a person does: a real mouse click at its centre, which carries the user
 * activation a popup needs (a script's `click()` does not).
 */
export async function realClick(element: HTMLElement): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}
