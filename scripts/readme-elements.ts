/**
 * `npm run readme`: writes the README's element reference (between `<!-- elements:start -->` and
 * `<!-- elements:end -->`) from what the build made: `dist/custom-elements.json` for the settings, the
 * elements, their events, parts and slots, and `dist/events.d.ts` for the fields of each event's detail.
 * `test/e2e/readme-elements.test.ts` fails when the README differs from what this writes now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ts from 'typescript';
import { SURFACE } from '../src/surface.js';

const START = '<!-- elements:start -->';
const END = '<!-- elements:end -->';

/** The part of the Custom Elements Manifest this reads. */
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

interface Declaration {
  tagName?: string;
  description?: string;
  members?: Member[];
  events?: { name: string; description?: string; type?: { text: string } }[];
  cssParts?: { name: string; description?: string }[];
  slots?: { name: string; description?: string }[];
}

interface Member {
  kind: 'field' | 'method';
  name: string;
  description?: string;
  type?: { text: string };
  return?: { type?: { text: string } };
  readonly?: boolean;
  attribute?: string;
  static?: boolean;
  inheritedFrom?: { name: string };
}

/** The base classes whose members every element (or every flow element) has: listed once, above the elements. */
const SETTINGS_BASE = 'SettingMembers';
const FLOW_BASE = 'FlowOptionMembers';

/** The order the README introduces the elements in: the public surface table's. */
const ORDER: readonly string[] = Object.keys(SURFACE);

/**
 * JSDoc text as one table cell: one line, `|` escaped, `<` outside code spans escaped (`"Connect <connector>"`
 * is words, not a tag), without references to the internal spec.
 */
function cell(text = ''): string {
  return text
    .replace(/\s*\(product spec §[^)]*\)/g, '')
    .replace(/\s*— product spec §\d+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .split('`')
    .map((piece, index) => (index % 2 ? piece : piece.replace(/</g, '&lt;')))
    .join('`')
    .trim();
}

const code = (text: string) => `\`${cell(text)}\``;
const list = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/** A declared type as a reader wants it: without the `| undefined` every optional property has. */
const typeText = (text = '') => text.replace(/(\s*\|\s*undefined)+/g, '');

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** The rows of the settings that come from `base`, as attribute, property and what it does. */
function settingRows(declaration: Declaration, base: string): string[][] {
  const members = (declaration.members ?? []).filter((member) => member.inheritedFrom?.name === base);
  return members.map((member) => {
    const attribute = member.attribute;
    const property = member.readonly ? `\`${member.name}\` (read-only)` : `\`${member.name}\``;
    return [attribute ? `\`${attribute}\`` : '—', property, cell(member.description)];
  });
}

/** One element's own surface: its attributes and properties, methods, events, parts and slots. */
function elementTable(declaration: Declaration, takesFlowOptions: boolean): string {
  const own = (declaration.members ?? []).filter((member) => !member.inheritedFrom && !member.static);
  const rows: string[][] = [];
  for (const member of own.filter((member) => member.kind === 'field')) {
    const name =
      member.attribute && member.attribute !== member.name
        ? `\`${member.attribute}\` / \`${member.name}\``
        : `\`${member.name}\``;
    let kind = member.attribute ? 'attribute, property' : 'property';
    if (member.readonly) kind += ', read-only';
    rows.push([kind, name, code(typeText(member.type?.text)), cell(member.description)]);
  }
  for (const member of own.filter((member) => member.kind === 'method')) {
    rows.push(['method', `\`${member.name}()\``, code(member.return?.type?.text ?? 'void'), cell(member.description)]);
  }
  rows.push(['events', list((declaration.events ?? []).map((event) => event.name)), '', 'See [Events](#events).']);
  rows.push(['parts', list((declaration.cssParts ?? []).map((part) => part.name)), '', 'See [Parts](#parts).']);
  for (const slot of declaration.slots ?? []) {
    rows.push(['slot', slot.name ? `\`${slot.name}\`` : '(default)', '', cell(slot.description)]);
  }
  const settings = takesFlowOptions ? 'the settings and the flow options' : 'the settings';
  return `${cell(declaration.description)} Takes ${settings} above.\n\n${table(['', 'name', 'type', 'what'], rows)}`;
}

/** Each event detail's fields, from the built `events.d.ts`: `{ connectionId?, servertype, reason }`. */
export function detailFields(eventsDts: string): Map<string, string> {
  const source = ts.createSourceFile('events.d.ts', eventsDts, ts.ScriptTarget.Latest);
  const fields = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('Detail')) return;
    const names = node.members.flatMap((member) =>
      ts.isPropertySignature(member) ? [`${member.name.getText(source)}${member.questionToken ? '?' : ''}`] : [],
    );
    fields.set(node.name.text, `{ ${names.join(', ')} }`);
  });
  return fields;
}

/** The README's element reference, made from the manifest and the event details. */
export function elementsReference(manifest: Manifest, eventsDts: string): string {
  const declarations = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is Declaration & { tagName: string } => Boolean(declaration.tagName));
  const place = (tag: string) => (ORDER.includes(tag) ? ORDER.indexOf(tag) : ORDER.length);
  declarations.sort((a, b) => place(a.tagName) - place(b.tagName) || a.tagName.localeCompare(b.tagName));
  const takesFlowOptions = (declaration: Declaration) =>
    (declaration.members ?? []).some((member) => member.inheritedFrom?.name === FLOW_BASE);
  const first = declarations[0];
  const flowElement = declarations.find(takesFlowOptions);
  if (!first || !flowElement) throw new Error('The manifest lists no peliqan elements: run `npm run build` first.');
  const withoutFlow = declarations.filter((declaration) => !takesFlowOptions(declaration));

  const details = detailFields(eventsDts);
  const events = new Map<string, { description?: string; type?: string }>();
  const parts = new Map<string, string | undefined>();
  for (const declaration of declarations) {
    for (const event of declaration.events ?? []) events.set(event.name, { ...event, type: event.type?.text });
    for (const part of declaration.cssParts ?? []) parts.set(part.name, part.description);
  }
  const detailOf = (type = '') => {
    const name = /CustomEvent<(\w+)>/.exec(type)?.[1] ?? '';
    return details.has(name) ? code(details.get(name)!) : '';
  };

  const sections = [
    '<!-- Made by `npm run readme` from dist/custom-elements.json: edit the JSDoc or src/surface.ts instead. -->',
    '### Settings every element takes',
    table(['attribute', 'property', 'what'], settingRows(first, SETTINGS_BASE)),
    `**Flow options**, taken by every element but ${list(withoutFlow.map((declaration) => `<${declaration.tagName}>`))}:`,
    table(['attribute', 'property', 'what'], settingRows(flowElement, FLOW_BASE)),
    ...declarations.flatMap((declaration) => [
      `### \`<${declaration.tagName}>\``,
      elementTable(declaration, takesFlowOptions(declaration)),
    ]),
    '### Parts',
    table(
      ['part', 'what'],
      [...parts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, description]) => [`\`${name}\``, cell(description)]),
    ),
    '### Events',
    table(
      ['event', 'when', 'detail'],
      [...events].map(([name, event]) => [`\`${name}\``, cell(event.description), detailOf(event.type)]),
    ),
  ];
  return sections.join('\n\n');
}

/** `readme` with the part between the markers replaced by `reference`. */
export function withElementsReference(readme: string, reference: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs ${START} and ${END}, in that order.`);
  return `${readme.slice(0, start + START.length)}\n\n${reference}\n\n${readme.slice(end)}`;
}

/** The reference as the build in `dist/` says it is now. */
export function currentReference(root: URL): string {
  const manifest = JSON.parse(readFileSync(new URL('dist/custom-elements.json', root), 'utf8')) as Manifest;
  return elementsReference(manifest, readFileSync(new URL('dist/events.d.ts', root), 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const readmeUrl = new URL('README.md', root);
  const readme = readFileSync(readmeUrl, 'utf8');
  const next = withElementsReference(readme, currentReference(root));
  if (next === readme) console.log('README.md: the element reference is up to date.');
  else {
    writeFileSync(readmeUrl, next);
    console.log('README.md: the element reference was rewritten from dist/custom-elements.json.');
  }
}
