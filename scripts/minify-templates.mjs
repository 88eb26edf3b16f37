// Shrinks the static text of Lit's html`` and css`` templates for the script-tag bundle: JavaScript
// minifiers leave template literals alone, and their indentation costs bytes in the 20 KB budget.
// html: a run of whitespace holding a newline becomes one space (HTML collapses it anyway), and goes
// entirely between two tags or at either end of the template (formatting, not content).
// css: whitespace around { } ; : , and newlines goes, comments go.

/** Finds the end of the template literal whose opening backtick is at `start`; returns the index of its closing backtick. */
function templateEnd(code, start) {
  let depth = 0;
  for (let i = start + 1; i < code.length; i++) {
    const char = code[i];
    if (char === '\\') i++;
    else if (depth === 0 && char === '`') return i;
    else if (depth === 0 && char === '$' && code[i + 1] === '{') {
      depth = 1;
      i++;
    } else if (depth > 0) {
      if (char === '{') depth++;
      else if (char === '}') depth--;
      else if (char === '`') i = templateEnd(code, i);
      else if (char === "'" || char === '"') {
        for (i++; i < code.length && code[i] !== char; i++) if (code[i] === '\\') i++;
      }
    }
  }
  throw new Error('Unterminated template literal');
}

/** Splits a template's body into static parts and `${…}` expressions (minifying nested templates too). */
function rewrite(body, shrink) {
  let out = '';
  let text = '';
  let first = true;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      text += body[i] + body[++i];
    } else if (body[i] === '$' && body[i + 1] === '{') {
      out += shrink(text, first, false);
      first = false;
      text = '';
      let depth = 1;
      let j = i + 2;
      for (; depth > 0; j++) {
        if (body[j] === '{') depth++;
        else if (body[j] === '}') depth--;
        else if (body[j] === '`') j = templateEnd(body, j);
        else if (body[j] === "'" || body[j] === '"') {
          const quote = body[j];
          for (j++; body[j] !== quote; j++) if (body[j] === '\\') j++;
        }
      }
      out += '${' + minifyTemplates(body.slice(i + 2, j - 1)) + '}';
      i = j - 1;
    } else text += body[i];
  }
  return out + shrink(text, first, true);
}

const shrinkHtml = (text, first, last) => {
  let out = text;
  if (first) out = out.replace(/^\s*\n\s*/, '');
  if (last) out = out.replace(/\s*\n\s*$/, '');
  return out.replace(/>\s*\n\s*</g, '><').replace(/\s*\n\s*/g, ' ');
};
const shrinkCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();

/** Returns `code` with every html`` and css`` template literal shrunk. */
export function minifyTemplates(code) {
  let out = '';
  let at = 0;
  const tag = /\b(html|css)`/g;
  for (let match; (match = tag.exec(code));) {
    const start = match.index + match[1].length;
    const end = templateEnd(code, start);
    out +=
      code.slice(at, start + 1) +
      rewrite(code.slice(start + 1, end), match[1] === 'css' ? shrinkCss : shrinkHtml) +
      '`';
    at = end + 1;
    tag.lastIndex = at;
  }
  return out + code.slice(at);
}

/** The Vite/Rollup plugin. */
export const minifyTemplatesPlugin = () => ({
  name: 'minify-lit-templates',
  enforce: 'pre',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return undefined;
    return { code: minifyTemplates(code), map: null };
  },
});
