import { evaluateExpr, type Lookup } from './evaluate';
import { parseJinja } from './expression';
import { JinjaSyntaxError } from './tokens';
import { NotResolved, rendered } from './values';

/** A template's text as Ansible would render it, or why we do not claim to know it. */
export type Rendering = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** Longer templates are not read: no value in these files is anywhere near this long. */
const MAX_TEMPLATE = 4_096;

/**
 * Renders a scalar's value (`"{{ app.x.port | int + 1 }}"`, `"{{ x }}0"`) with our expression reader: text outside
 * `{{ }}` is kept, each expression is replaced by what it evaluates to. Statements and comments are declined.
 */
export function renderTemplate(template: string, lookup: Lookup): Rendering {
  if (template.length > MAX_TEMPLATE) return { ok: false, reason: 'the template is too long to be read' };
  let text = '';
  let i = 0;
  while (i < template.length) {
    const open = nextDelimiter(template, i);
    if (open < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, open);
    const kind = template.slice(open, open + 2);
    if (kind !== '{{') return { ok: false, reason: `\`${kind}\` ${kind === '{%' ? 'statements' : 'comments'} are not read` };
    const close = closingOf(template, open + 2);
    if (close < 0) return { ok: false, reason: `\`${template.slice(open).trim()}\` is not closed with }}` };
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('-') || inner.startsWith('+') || inner.endsWith('-')) return { ok: false, reason: 'whitespace control ({{- -}}) is not read' };
    try {
      text += rendered(evaluateExpr(parseJinja(inner), inner, lookup));
    } catch (error) {
      if (error instanceof NotResolved) return { ok: false, reason: error.message };
      if (error instanceof JinjaSyntaxError) return { ok: false, reason: `\`{{${inner}}}\` is not a Jinja expression: ${error.message}` };
      throw error;
    }
    i = close + 2;
  }
  if (text.length > MAX_TEMPLATE * 4) return { ok: false, reason: 'the rendered text is too long' };
  return { ok: true, text };
}

function nextDelimiter(template: string, from: number): number {
  const found = [template.indexOf('{{', from), template.indexOf('{%', from), template.indexOf('{#', from)].filter((at) => at >= 0);
  return found.length ? Math.min(...found) : -1;
}

/** The `}}` that closes an expression: one inside a string literal does not. */
function closingOf(template: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < template.length; i++) {
    const char = template[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '}' && template[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}
