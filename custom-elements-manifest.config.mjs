// `cem analyze`: writes dist/custom-elements.json (referenced by package.json "customElements"). The
// analyzer reads each element's properties and attributes from its class; its events, parts and slots
// come from the public surface table (src/surface.ts, built to dist/ by `tsc` before this runs), which
// the React wrappers and the Vue types are made from too. The build fails when a class and the table
// disagree about an element's own properties.
import { EVENTS, PARTS, SURFACE } from './dist/surface.js';

/** The detail type of each event, as `events.ts` names it. */
const detailType = (name) =>
  `CustomEvent<Peliqan${name
    .replace(/^peliqan-/, '')
    .replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase())}Detail>`;

/** What the settings and flow options are called on every element (from their base classes). */
const INHERITED = new Set([
  'baseUrl',
  'token',
  'tokenProvider',
  'tokenUrl',
  'tokenCredentials',
  'catalogueUrl',
  'language',
  'theme',
  'statusTimeout',
  'privateOauth',
  'hideTrustNotice',
]);

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/styles.ts', 'src/components/shared.ts'],
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
