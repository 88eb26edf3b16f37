// `cem analyze`: writes dist/custom-elements.json (referenced by package.json "customElements"). The
// analyzer reads each element's properties and attributes from its class; its events, parts and slots
// come from the public surface table (src/surface.ts, built to dist/ by `tsc` before this runs), which
// the React wrappers and the Vue types are made from too. The build fails when a class and the table
// disagree about an element's own properties.
import { DIALOG_PROPERTIES, FLOW_OPTION_PROPERTIES, SETTING_PROPERTIES, attributeName } from './dist/config.js';
import { EVENTS, PARTS, SURFACE } from './dist/surface.js';

/** The detail type of each event, as `events.ts` names it. */
const detailType = (name) =>
  `CustomEvent<Peliqan${name
    .replace(/^peliqan-/, '')
    .replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase())}Detail>`;

/**
 * The members every element has from `src/components/members.ts` (the settings and `state`) and every
 * flow element (the flow options), by the mixin that declares them. The analyzer names Lit's base
 * classes as their origin on some elements and the mixins on others: the manifest names the mixins.
 */
const MIXIN_MODULE = 'src/components/members.ts';
const FROM = {
  ...Object.fromEntries(['state', ...Object.keys(SETTING_PROPERTIES)].map((name) => [name, 'SettingMembers'])),
  ...Object.fromEntries(Object.keys(FLOW_OPTION_PROPERTIES).map((name) => [name, 'FlowOptionMembers'])),
};
const INHERITED = new Set(Object.keys(FROM));

/** Every property's attribute (or none), from the tables the elements declare their properties from. */
function attributeOf(name) {
  if (name === 'state') return 'state';
  const declaration = DIALOG_PROPERTIES[name];
  return declaration && attributeName(name, declaration);
}

/**
 * The settings, flow options and connectors to offer as attributes, from those tables: the analyzer
 * reads attributes from Lit's `static properties` literals only, and the connect button has none.
 */
function tableAttributes(declaration) {
  const attributes = (declaration.attributes ?? []).filter((attribute) => !INHERITED.has(attribute.fieldName));
  for (const member of declaration.members ?? []) {
    if (member.kind !== 'field' || member.static) continue;
    const origin = FROM[member.name];
    if (origin) member.inheritedFrom = { name: origin, module: MIXIN_MODULE };
    const attribute = attributeOf(member.name);
    if (!attribute || attributes.some((known) => known.name === attribute)) continue;
    member.attribute = attribute;
    attributes.push({
      name: attribute,
      type: member.type,
      description: member.name === 'state' ? 'Read-only: where the element is (see `state`).' : member.description,
      fieldName: member.name,
      ...(origin ? { inheritedFrom: member.inheritedFrom } : {}),
    });
  }
  declaration.attributes = attributes;
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/styles.ts', 'src/components/control-styles.ts', 'src/components/shared.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'public-surface',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            // Lit's internal `state: true` properties, private and protected members, and members marked
            // @internal are not part of the public API.
            declaration.attributes = declaration.attributes?.filter((attribute) => !attribute.name.startsWith('_'));
            declaration.members = declaration.members?.filter(
              (member) =>
                !member.name.startsWith('_') &&
                !member.name.startsWith('#') &&
                member.privacy !== 'private' &&
                member.privacy !== 'protected' &&
                !/@internal\b/.test(member.description ?? ''),
            );
            const surface = SURFACE[declaration.tagName];
            if (!surface) continue;
            tableAttributes(declaration);
            declaration.events = surface.events.map((name) => ({
              name,
              description: EVENTS[name],
              type: { text: detailType(name) },
            }));
            declaration.cssParts = surface.parts.map((name) => ({ name, description: PARTS[name] }));
            declaration.slots = Object.entries(surface.slots).map(([name, description]) => ({ name, description }));
            const own = (declaration.members ?? [])
              .filter((member) => member.kind === 'field' && !member.static && !INHERITED.has(member.name))
              .filter((member) => member.attribute || surface.properties.includes(member.name))
              .map((member) => member.name)
              .sort();
            const table = [...surface.properties].sort();
            if (JSON.stringify(own) !== JSON.stringify(table)) {
              throw new Error(
                `<${declaration.tagName}>: its class declares ${own.join(', ') || 'nothing'} but src/surface.ts says ${table.join(', ') || 'nothing'}`,
              );
            }
          }
        }
      },
    },
  ],
};
