import type { Span } from '../types';

/** One `{{ ... }}` found in a scalar, read as a variable path followed by filters. */
export interface TemplateExpression {
  /** The whole `{{ ... }}`, delimiters included. */
  readonly span: Span;
  /** The dotted path, when the expression starts with one (`app.pgadmin4.port`). */
  readonly path?: string;
  readonly pathSpan?: Span;
  readonly filters: readonly TemplateFilter[];
  /** False when the expression holds more than a path and filters (operators, calls, tests). */
  readonly simple: boolean;
  /**
   * The path as a YAML reader would take it when a hyphen follows a name (`app.pg-admin4.port`), which Jinja
   * reads as a subtraction (`app.pg - admin4.port`): set only then, to say so.
   */
  readonly hyphenated?: { readonly path: string; readonly span: Span };
}

export interface TemplateFilter {
  readonly name: string;
  /** The first argument when it is a literal, e.g. `default(30100)`. */
  readonly literal?: string | number;
  readonly literalSpan?: Span;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * Finds the `{{ ... }}` expressions in `source`, the raw text of a scalar as written in the file,
 * so that every span is an offset into the file (`base` is where `source` starts).
 */
export function findExpressions(source: string, base: number): TemplateExpression[] {
  const found: TemplateExpression[] = [];
  let from = 0;
  for (;;) {
    const open = source.indexOf('{{', from);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 2);
    const end = close < 0 ? source.length : close + 2;
    const inner = source.slice(open + 2, close < 0 ? source.length : close);
    found.push(parseExpression(inner, base + open + 2, { start: base + open, end: base + end }));
    if (close < 0) break;
    from = end;
  }
  return found;
}

function parseExpression(inner: string, innerBase: number, span: Span): TemplateExpression {
  let i = skipSpaces(inner, 0);
  const pathStart = i;
  const segments: string[] = [];
  IDENT.lastIndex = i;
  let match = IDENT.exec(inner);
  if (!match) return { span, filters: [], simple: false };
  segments.push(match[0]);
  i = IDENT.lastIndex;
  for (;;) {
    if (inner[i] === '.') {
      IDENT.lastIndex = i + 1;
      match = IDENT.exec(inner);
      if (!match) break;
      segments.push(match[0]);
      i = IDENT.lastIndex;
    } else if (inner[i] === '[') {
      const bracket = /^\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\]/.exec(inner.slice(i));
      if (!bracket) break;
      segments.push(bracket[1] ?? bracket[2] ?? bracket[3] ?? '');
      i += bracket[0].length;
    } else {
      break;
    }
  }
  const path = segments.join('.');
  const pathSpan = { start: innerBase + pathStart, end: innerBase + i };
  if (inner[i] === '-' && /[A-Za-z0-9_]/.test(inner[i + 1] ?? '')) {
    const written = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*/.exec(inner.slice(pathStart))?.[0] ?? '';
    if (written.length > i - pathStart) {
      const hyphenated = { path: written, span: { start: innerBase + pathStart, end: innerBase + pathStart + written.length } };
      return { span, path, pathSpan, filters: [], simple: false, hyphenated };
    }
  }
  const filters: TemplateFilter[] = [];
  i = skipSpaces(inner, i);
  while (inner[i] === '|') {
    i = skipSpaces(inner, i + 1);
    IDENT.lastIndex = i;
    const name = IDENT.exec(inner);
    if (!name) return { span, path, pathSpan, filters, simple: false };
    i = IDENT.lastIndex;
    let filter: TemplateFilter = { name: name[0] };
    if (inner[i] === '(') {
      const call = /^\(\s*(-?\d+|'[^']*'|"[^"]*")?[^)]*\)/.exec(inner.slice(i));
      if (!call) return { span, path, pathSpan, filters, simple: false };
      const argument = call[1];
      if (argument !== undefined) {
        const start = innerBase + i + call[0].indexOf(argument);
        filter = { name: name[0], literal: parseLiteral(argument), literalSpan: { start, end: start + argument.length } };
      }
      i += call[0].length;
    }
    filters.push(filter);
    i = skipSpaces(inner, i);
  }
  return { span, path, pathSpan, filters, simple: i >= inner.length };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function parseLiteral(text: string): string | number | undefined {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const quoted = /^(?:'([^']*)'|"([^"]*)")$/.exec(trimmed);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  return undefined;
}
