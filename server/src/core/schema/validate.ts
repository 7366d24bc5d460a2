import { isAlias, isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { isTemplate, keyText, spanOf } from '../yaml/nodes';
import type { Span } from '../types';
import { propertySchema, resolveRef, type JsonSchema, type JsonType } from './jsonSchema';

export interface SchemaProblem {
  readonly span: Span;
  readonly message: string;
  /** A required property is absent: no problem in a patch, which holds only what it changes. */
  readonly missing?: true;
}

/** Deep enough for any real manifest; bounded so a pathological file cannot exhaust the stack. */
const MAX_DEPTH = 100;

/**
 * Validates a YAML node against a JSON Schema without converting it to JavaScript, so each problem
 * keeps the exact range of the node at fault. A Jinja template matches every schema: Ansible renders it later.
 */
export function validateNode(node: unknown, schema: JsonSchema, root: JsonSchema, holderSpan: Span | undefined): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  check(node, schema, root, holderSpan, problems, 0);
  return problems;
}

function check(node: unknown, rawSchema: JsonSchema, root: JsonSchema, holder: Span | undefined, problems: SchemaProblem[], depth: number): void {
  if (depth > MAX_DEPTH || isAlias(node)) return;
  const schema = resolveRef(rawSchema, root);
  const actual = typeOf(node);
  if (actual === 'template') return;

  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const attempts: { branch: JsonSchema; problems: SchemaProblem[] }[] = [];
    for (const branch of alternatives) {
      const branchProblems: SchemaProblem[] = [];
      check(node, branch, root, holder, branchProblems, depth + 1);
      if (branchProblems.length === 0) return;
      attempts.push({ branch: resolveRef(branch, root), problems: branchProblems });
    }
    const span = spanAt(node, holder);
    const asNumber = numberAlternative(node, attempts.map((attempt) => attempt.branch), span);
    if (asNumber) {
      problems.push(asNumber);
      return;
    }
    const sameType = attempts.filter((attempt) => typeAccepts(attempt.branch.type, actual));
    if (sameType.length > 0) {
      const best = sameType.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
      problems.push(...best.problems);
    } else {
      const expected = [...new Set(attempts.flatMap((attempt) => typeList(attempt.branch.type)))];
      problems.push({ span, message: `Incorrect type: expected ${expected.join(' or ') || 'another value'}, found ${actual}.` });
    }
    return;
  }

  if (schema.type !== undefined && !typeAccepts(schema.type, actual)) {
    problems.push({ span: spanAt(node, holder), message: `Incorrect type: expected ${typeList(schema.type).join(' or ')}, found ${actual}.` });
    return;
  }
  const value = isScalar(node) ? node.value : undefined;
  if (schema.const !== undefined && value !== schema.const) {
    problems.push({ span: spanAt(node, holder), message: `Value must be ${JSON.stringify(schema.const)}.` });
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push({ span: spanAt(node, holder), message: `Value ${JSON.stringify(value)} is not allowed: expected one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}.` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push({ span: spanAt(node, holder), message: `Value ${value} is below the minimum of ${schema.minimum}.` });
    if (schema.maximum !== undefined && value > schema.maximum) problems.push({ span: spanAt(node, holder), message: `Value ${value} is above the maximum of ${schema.maximum}.` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push({ span: spanAt(node, holder), message: `Value must not be empty.` });
    if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) {
      problems.push({ span: spanAt(node, holder), message: `Value ${JSON.stringify(value)} does not match the expected form ${schema.pattern}.` });
    }
  }
  if (isSeq(node)) {
    if (schema.minItems !== undefined && node.items.length < schema.minItems) problems.push({ span: spanAt(node, holder), message: `Expected at least ${schema.minItems} item(s).` });
    if (schema.items && node.items.length > 0) {
      const span = spanAt(node, holder);
      for (const item of node.items) check(item, schema.items, root, span, problems, depth + 1);
    }
  }
  if (isMap(node)) checkMap(node.items, schema, root, holder ?? spanAt(node, holder), problems, depth);
}

/** Where a problem with `node` is said: its own range, else its holder's. Worked out only for a problem (most nodes have none). */
function spanAt(node: unknown, holder: Span | undefined): Span {
  return spanOf(node as never) ?? holder ?? { start: 0, end: 0 };
}

/**
 * A port may be a number or the same digits as a string (Ansible renders both alike): a string that fails both
 * is said in those words, and a string of digits out of range as the number it spells.
 */
function numberAlternative(node: unknown, branches: readonly JsonSchema[], span: Span): SchemaProblem | undefined {
  const integer = branches.find((branch) => typeList(branch.type).includes('integer'));
  if (!integer || !isScalar(node) || typeof node.value !== 'string') return undefined;
  if (!branches.some((branch) => branch !== integer && typeList(branch.type).includes('string'))) return undefined;
  if (!/^\s*\d+\s*$/.test(node.value)) return { span, message: `Incorrect type: expected an integer, a string of digits or a template, found ${JSON.stringify(node.value)}.` };
  const value = Number(node.value);
  if (integer.minimum !== undefined && value < integer.minimum) return { span, message: `Value ${value} is below the minimum of ${integer.minimum}.` };
  if (integer.maximum !== undefined && value > integer.maximum) return { span, message: `Value ${value} is above the maximum of ${integer.maximum}.` };
  return undefined;
}

function checkMap(items: readonly unknown[], schema: JsonSchema, root: JsonSchema, holder: Span, problems: SchemaProblem[], depth: number): void {
  const required = schema.required;
  const seen = required && required.length > 0 ? new Set<string>() : undefined;
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const key = keyText(pair);
    if (key === undefined || key === '<<') continue;
    seen?.add(key);
    const keySchema = propertySchema(schema, key) ?? patternSchema(schema, key);
    if (keySchema) {
      check(pair.value, keySchema, root, keySpanAt(pair, holder), problems, depth + 1);
    } else if (schema.additionalProperties === false) {
      if (!isTemplate(key)) problems.push({ span: keySpanAt(pair, holder), message: unknownPropertyMessage(key, Object.keys(schema.properties ?? {})) });
    } else if (typeof schema.additionalProperties === 'object') {
      check(pair.value, schema.additionalProperties, root, keySpanAt(pair, holder), problems, depth + 1);
    }
  }
  for (const name of required ?? []) {
    if (!seen?.has(name)) problems.push({ span: holder, message: `Missing property "${name}".`, missing: true });
  }
}

function keySpanAt(pair: Pair, holder: Span): Span {
  return spanOf(pair.key as never) ?? holder;
}

function patternSchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  for (const [pattern, value] of Object.entries(schema.patternProperties ?? {})) {
    if (compiled(pattern).test(key)) return value;
  }
  return undefined;
}

type ActualType = JsonType | 'template';

function typeOf(node: unknown): ActualType {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return 'null';
  const value = node.value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return isTemplate(value) ? 'template' : 'string';
  return 'string';
}

function typeList(type: JsonSchema['type']): JsonType[] {
  if (type === undefined) return [];
  return typeof type === 'string' ? [type] : [...type];
}

function typeAccepts(type: JsonSchema['type'], actual: ActualType): boolean {
  if (type === undefined) return true;
  const accepted = typeList(type);
  return accepted.includes(actual as JsonType) || (actual === 'integer' && accepted.includes('number'));
}

const patterns = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = /(?:)/;
    }
    patterns.set(pattern, regex);
  }
  return regex;
}

function unknownPropertyMessage(key: string, known: readonly string[]): string {
  const suggestion = closest(key, known);
  return `Property "${key}" is not allowed here.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
