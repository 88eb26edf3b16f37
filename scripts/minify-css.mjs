// Build step for the script tag (scripts/build-script-tag.mjs): minifies the CSS inside Lit's css``
// templates with esbuild's CSS minifier. The templates are found by TypeScript's own parser, so
// comments, strings and regular expressions in the code around them are never mistaken for CSS; a
// template with a ${…} in it is left as written. Saves about 800 B gzip (the stylesheets are a quarter
// of our code).
import * as esbuild from 'esbuild';
import ts from 'typescript';

/** The browsers the widget supports (README "Supported browsers"): esbuild keeps what they all read. */
export const browsers = ['chrome111', 'edge111', 'firefox115', 'safari16.4'];

/** `source` with the CSS of every css`` template without substitutions minified. */
export function minifyCssTemplates(source, fileName) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      node.tag.getText(file) === 'css' &&
      ts.isNoSubstitutionTemplateLiteral(node.template)
    ) {
      const css = node.template.rawText ?? node.template.text;
      const minified = esbuild.transformSync(css, { loader: 'css', minify: true, target: browsers }).code.trim();
      edits.push({
        start: node.template.getStart(file) + 1,
        end: node.template.end - 1,
        text: minified.replace(/[`\\]/g, '\\$&'),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}
