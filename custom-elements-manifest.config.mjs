// `cem analyze`: writes dist/custom-elements.json (referenced by package.json "customElements") from the
// elements' sources and their JSDoc (@tagname, @fires, @csspart).
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/styles.ts', 'src/components/shared.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      // The analyzer reads Lit's internal `state: true` properties as attributes, and the base class's
      // generic `emit(type)` and private state-change event as events: leave those out of the public API.
      name: 'public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            declaration.attributes = declaration.attributes?.filter((attribute) => !attribute.name.startsWith('_'));
            declaration.members = declaration.members?.filter(
              (member) =>
                !member.name.startsWith('_') && member.privacy !== 'private' && member.privacy !== 'protected',
            );
            declaration.events = declaration.events?.filter(
              (event) => event.name?.startsWith('peliqan-') && event.name !== 'peliqan-state-change',
            );
          }
        }
      },
    },
  ],
};
