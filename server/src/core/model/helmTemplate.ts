import type { Span } from '../types';

/**
 * A value in a Helm template, as far as it can be known without running the template: a literal, or a
 * reference into the chart's values (with a `default`), or nothing known.
 */
export interface HelmValue {
  readonly span: Span;
  readonly literal?: string;
  /** Dotted path below `.Values` (`service.nodePort`). */
  readonly valuesPath?: string;
  readonly fallback?: string;
  /** Why the value cannot be known, for hover. */
  readonly unresolved?: string;
}

/** A pipeline-free Go template expression of an `{{ if }}`: values paths, literals, and a few functions. */
export type HelmExpression =
  | { readonly op: 'path'; readonly path: string }
  | { readonly op: 'literal'; readonly value: string }
  | { readonly op: 'call'; readonly fn: 'and' | 'or' | 'not' | 'eq' | 'ne' | 'empty'; readonly args: readonly HelmExpression[] };

/** What decides whether a line is rendered, or why that cannot be known. */
export interface HelmCondition {
  readonly expression?: HelmExpression;
  readonly negate: boolean;
  readonly unknown?: string;
}

export interface HelmPortTemplate {
  readonly span: Span;
  readonly name?: string;
  readonly nodePort?: HelmValue;
  /** The `{{ if }}` blocks around the nodePort: it is rendered only when all hold. */
  readonly conditions: readonly HelmCondition[];
}

export interface HelmServiceTemplate {
  /** The `kind: Service` line. */
  readonly anchor: Span;
  readonly extent: Span;
  /** A literal name, or the chart's full name (`include "x.fullname"`), or unknown. */
  readonly name: { readonly literal?: string; readonly fullname?: boolean; readonly span?: Span };
  readonly type?: HelmValue;
  readonly ports: readonly HelmPortTemplate[];
}

interface Block {
  readonly kind: 'if' | 'with' | 'range' | 'other';
  condition?: HelmCondition;
  /** For `with`: the values path `.` stands for. */
  readonly context?: string;
}

const ACTION_LINE = /^\s*\{\{-?\s*(.*?)\s*-?\}\}\s*$/;
const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*):(?:\s+(.*?))?\s*$/;

/**
 * Reads the Services of a Go-templated manifest line by line, without executing anything: block-style
 * YAML whose structure lies in the indentation, with `{{ }}` actions on their own lines or as values.
 */
export function readHelmTemplate(text: string): HelmServiceTemplate[] {
  const services: HelmServiceTemplate[] = [];
  let offset = 0;
  let current: Scan | undefined;
  const blocks: Block[] = [];
  const finish = (end: number): void => {
    if (current?.isService) services.push(current.result(end));
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, '');
    if (/^---/.test(body)) {
      finish(start);
      continue;
    }
    current ??= new Scan(start);
    const action = ACTION_LINE.exec(body);
    if (action) {
      control(action[1] ?? '', blocks);
      continue;
    }
    if (/^\s*(#.*)?$/.test(body)) continue;
    current.line(body, start, blocks);
  }
  finish(text.length);
  return services;
}

function control(action: string, blocks: Block[]): void {
  const [word = '', ...rest] = action.split(/\s+/);
  const argument = rest.join(' ');
  if (word === 'end') blocks.pop();
  else if (word === 'if') blocks.push({ kind: 'if', condition: conditionOf(argument, blocks) });
  else if (word === 'with') blocks.push({ kind: 'with', ...withContext(argument, blocks) });
  else if (word === 'range') blocks.push({ kind: 'range' });
  else if (word === 'define' || word === 'block') blocks.push({ kind: 'other' });
  else if (word === 'else') {
    const top = blocks[blocks.length - 1];
    // `else if` chains are too much to follow: what they guard is taken as unknown.
    if (top?.condition) top.condition = rest.length === 0 ? { ...top.condition, negate: !top.condition.negate } : { negate: false, unknown: 'an {{ else if }} branch' };
  }
}

function withContext(argument: string, blocks: readonly Block[]): { context?: string; condition: HelmCondition } {
  const path = valuesPathOf(argument.trim(), blocks);
  return path === undefined ? { condition: { negate: false, unknown: `{{ with ${argument} }}` } } : { context: path, condition: { expression: { op: 'path', path }, negate: false } };
}

function conditionOf(argument: string, blocks: readonly Block[]): HelmCondition {
  const tokens = argument.match(/"[^"]*"|[()]|[^\s()]+/g) ?? [];
  const parsed = parseCall(tokens, 0, blocks, tokens.length);
  return parsed && parsed.next === tokens.length ? { expression: parsed.expression, negate: false } : { negate: false, unknown: `{{ if ${argument} }}` };
}

const FUNCTIONS = new Set(['and', 'or', 'not', 'eq', 'ne', 'empty']);
type Parsed = { readonly expression: HelmExpression; readonly next: number } | undefined;

/** A function applied to the arguments up to `end` (a closing parenthesis), or a single operand. */
function parseCall(tokens: readonly string[], at: number, blocks: readonly Block[], end: number): Parsed {
  const first = tokens[at];
  if (first === undefined) return undefined;
  if (!FUNCTIONS.has(first)) return parseOperand(tokens, at, blocks);
  const args: HelmExpression[] = [];
  let next = at + 1;
  while (next < end && tokens[next] !== ')') {
    const operand = parseOperand(tokens, next, blocks);
    if (!operand) return undefined;
    args.push(operand.expression);
    next = operand.next;
  }
  return { expression: { op: 'call', fn: first as 'and', args }, next };
}

function parseOperand(tokens: readonly string[], at: number, blocks: readonly Block[]): Parsed {
  const token = tokens[at];
  if (token === undefined) return undefined;
  if (token === '(') {
    const inner = parseCall(tokens, at + 1, blocks, tokens.length);
    return inner && tokens[inner.next] === ')' ? { expression: inner.expression, next: inner.next + 1 } : undefined;
  }
  const literal = unquote(token);
  if (literal !== undefined) return { expression: { op: 'literal', value: literal }, next: at + 1 };
  const path = valuesPathOf(token, blocks);
  return path === undefined ? undefined : { expression: { op: 'path', path }, next: at + 1 };
}

function unquote(word: string): string | undefined {
  const match = /^"([^"]*)"$/.exec(word) ?? /^(\d+)$/.exec(word);
  return match?.[1];
}

/** `.Values.a.b`, `$.Values.a.b`, or `.b` inside `{{ with .Values.a }}`; undefined inside `range` or elsewhere. */
function valuesPathOf(word: string, blocks: readonly Block[]): string | undefined {
  const root = /^\$?\.Values\.([\w.]+)$/.exec(word);
  if (root) return root[1];
  const relative = /^\.([\w.]+)$/.exec(word);
  if (!relative) return undefined;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index];
    if (block?.kind === 'range') return undefined;
    if (block?.kind === 'with') return block.context === undefined ? undefined : `${block.context}.${relative[1]}`;
  }
  return undefined;
}

/** The value of a `key: value` line: a literal, or one `{{ }}` expression read for its values path and default. */
function helmValue(raw: string, span: Span, blocks: readonly Block[]): HelmValue {
  const text = raw.replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2');
  if (!text.includes('{{')) return { span, literal: text };
  const expression = /^\{\{-?\s*(.*?)\s*-?\}\}$/.exec(text)?.[1];
  if (expression === undefined) return { span, unresolved: 'the value mixes text and template actions' };
  let valuesPath: string | undefined;
  let fallback: string | undefined;
  for (const stage of expression.split('|').map((part) => part.trim().split(/\s+/))) {
    const [word = '', ...args] = stage;
    if (word === 'default' && args.length >= 1) {
      fallback = unquote(args[0] ?? '') ?? fallback;
      if (args[1] !== undefined) valuesPath = valuesPathOf(args[1], blocks);
    } else if (args.length === 0 && (word.startsWith('.') || word.startsWith('$.'))) {
      valuesPath = valuesPathOf(word, blocks);
      if (valuesPath === undefined) return { span, unresolved: inRange(blocks) ? 'the value is read inside a {{ range }} loop' : `${word} is not a path into .Values` };
    } else if (['int', 'int64', 'quote', 'toString', 'squote', 'trim'].includes(word) && args.length <= 1) {
      if (args[0] !== undefined) valuesPath = valuesPathOf(args[0], blocks);
    } else {
      return { span, unresolved: `${word} is computed by the template (only .Values paths, default, int and quote are read)` };
    }
  }
  if (valuesPath === undefined && fallback === undefined) return { span, unresolved: 'no .Values path in the expression' };
  return { span, ...(valuesPath !== undefined ? { valuesPath } : {}), ...(fallback !== undefined ? { fallback } : {}) };
}

function inRange(blocks: readonly Block[]): boolean {
  return blocks.some((block) => block.kind === 'range');
}

/** One document of the template, read key by key through its indentation. */
class Scan {
  isService = false;
  private readonly path: { indent: number; key: string }[] = [];
  private name: HelmServiceTemplate['name'] = {};
  private type: HelmValue | undefined;
  private anchor: Span | undefined;
  private readonly ports: { span: Span; name?: string; nodePort?: HelmValue; conditions: HelmCondition[] }[] = [];

  constructor(private readonly start: number) {}

  line(body: string, start: number, blocks: readonly Block[]): void {
    const match = KEY_LINE.exec(body);
    if (!match) return;
    const dash = match[2] ?? '';
    const indent = (match[1] ?? '').length + dash.length;
    const key = match[3] ?? '';
    const raw = match[4];
    while (this.path.length && (this.path[this.path.length - 1]?.indent ?? 0) >= indent) this.path.pop();
    const parent = this.path.map((entry) => entry.key).join('.');
    const valueStart = start + body.length - (raw ?? '').length;
    const valueSpan = { start: valueStart, end: valueStart + (raw ?? '').length };
    if (raw === undefined || raw === '' || raw === '|' || raw === '>') {
      this.path.push({ indent, key });
    } else if (parent === '' && key === 'kind') {
      this.isService = raw.replace(/["']/g, '') === 'Service';
      this.anchor = { start: start + (match[1] ?? '').length, end: start + (match[1] ?? '').length + 4 };
    } else if (parent === 'metadata' && key === 'name') {
      this.name = raw.includes('{{') ? { fullname: /\b(include|template)\s+"[^"]*\.fullname"/.test(raw), span: valueSpan } : { literal: raw.replace(/^(["'])(.*)\1$/, '$2'), span: valueSpan };
    } else if (parent === 'spec' && key === 'type') {
      this.type = helmValue(raw, valueSpan, blocks);
    }
    if (parent === 'spec.ports' || (parent === 'spec' && key === 'ports')) {
      if (dash && parent === 'spec.ports') this.ports.push({ span: { start, end: start + body.length }, conditions: [] });
      const port = this.ports[this.ports.length - 1];
      if (port && parent === 'spec.ports') {
        port.span = { start: port.span.start, end: start + body.length };
        if (key === 'name' && raw) port.name = raw;
        if (key === 'nodePort' && raw) {
          port.nodePort = helmValue(raw, valueSpan, blocks);
          port.conditions = blocks.flatMap((block) => (block.condition ? [block.condition] : []));
        }
      }
    }
  }

  result(end: number): HelmServiceTemplate {
    const anchor = this.anchor ?? { start: this.start, end: this.start };
    return { anchor, extent: { start: this.start, end }, name: this.name, ...(this.type ? { type: this.type } : {}), ports: this.ports };
  }
}
