import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isTemplate, keyText, spanOf } from '../yaml/nodes';
import type { Span } from '../types';
import { compileSchema, type CompiledSchema } from './compiled';
import { ALIAS_TAG, MAP_TAG, PAIR_TAG, SCALAR_TAG, SEQ_TAG, tagOf } from '../yaml/tags';
import type { JsonSchema, JsonType } from './jsonSchema';

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
  check(node, compileSchema(schema, root), holderSpan, problems, 0);
  return problems;
}

function check(node: unknown, schema: CompiledSchema, holder: Span | undefined, problems: SchemaProblem[], depth: number): void {
  const tag = tagOf(node);
  if (depth > MAX_DEPTH || tag === ALIAS_TAG) return;
  const value = tag === SCALAR_TAG ? (node as Scalar).value : undefined;
  const actual = typeOf(tag, value);
  if (actual === 'template') return;

  const alternatives = schema.alternatives;
  if (alternatives) {
    const attempts: { branch: CompiledSchema; problems: SchemaProblem[] }[] = [];
    for (const branch of alternatives) {
      const branchProblems: SchemaProblem[] = [];
      check(node, branch, holder, branchProblems, depth + 1);
      if (branchProblems.length === 0) return;
      attempts.push({ branch, problems: branchProblems });
    }
    const span = spanAt(node, holder);
    const asNumber = numberAlternative(value, tag, attempts.map((attempt) => attempt.branch), span);
    if (asNumber) {
      problems.push(asNumber);
      return;
    }
    const sameType = attempts.filter((attempt) => typeAccepts(attempt.branch.types, actual));
    if (sameType.length > 0) {
      const best = sameType.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
      problems.push(...best.problems);
    } else {
      const expected = [...new Set(attempts.flatMap((attempt) => attempt.branch.types ?? []))];
      problems.push({ span, message: `Incorrect type: expected ${expected.join(' or ') || 'another value'}, found ${actual}.` });
    }
    return;
  }

  if (schema.types !== undefined && !typeAccepts(schema.types, actual)) {
    problems.push({ span: spanAt(node, holder), message: `Incorrect type: expected ${schema.types.join(' or ')}, found ${actual}.` });
    return;
  }
  if (schema.hasConst && value !== schema.constValue) {
    problems.push({ span: spanAt(node, holder), message: `Value must be ${JSON.stringify(schema.constValue)}.` });
  }
  if (schema.enumValues && !schema.enumValues.includes(value)) {
    problems.push({ span: spanAt(node, holder), message: `Value ${JSON.stringify(value)} is not allowed: expected one of ${schema.enumValues.map((item) => JSON.stringify(item)).join(', ')}.` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push({ span: spanAt(node, holder), message: `Value ${value} is below the minimum of ${schema.minimum}.` });
    if (schema.maximum !== undefined && value > schema.maximum) problems.push({ span: spanAt(node, holder), message: `Value ${value} is above the maximum of ${schema.maximum}.` });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push({ span: spanAt(node, holder), message: `Value must not be empty.` });
    if (schema.pattern !== undefined && !schema.pattern.regex.test(value)) {
      problems.push({ span: spanAt(node, holder), message: `Value ${JSON.stringify(value)} does not match the expected form ${schema.pattern.source}.` });
    }
  }
  if (tag === SEQ_TAG) {
    const items = (node as YAMLSeq).items;
    if (schema.minItems !== undefined && items.length < schema.minItems) problems.push({ span: spanAt(node, holder), message: `Expected at least ${schema.minItems} item(s).` });
    if (schema.items && items.length > 0) {
      const span = spanAt(node, holder);
      for (const item of items) check(item, schema.items, span, problems, depth + 1);
    }
  }
  if (tag === MAP_TAG) checkMap((node as YAMLMap).items, schema, holder ?? spanAt(node, holder), problems, depth);
}

/** Where a problem with `node` is said: its own range, else its holder's. Worked out only for a problem (most nodes have none). */
function spanAt(node: unknown, holder: Span | undefined): Span {
  return spanOf(node as never) ?? holder ?? { start: 0, end: 0 };
}

/**
 * A port may be a number or the same digits as a string (Ansible renders both alike): a string that fails both
 * is said in those words, and a string of digits out of range as the number it spells.
 */
function numberAlternative(value: unknown, tag: unknown, branches: readonly CompiledSchema[], span: Span): SchemaProblem | undefined {
  const integer = branches.find((branch) => branch.types?.includes('integer'));
  if (!integer || tag !== SCALAR_TAG || typeof value !== 'string') return undefined;
  if (!branches.some((branch) => branch !== integer && branch.types?.includes('string'))) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) return { span, message: `Incorrect type: expected an integer, a string of digits or a template, found ${JSON.stringify(value)}.` };
  const number = Number(value);
  if (integer.minimum !== undefined && number < integer.minimum) return { span, message: `Value ${number} is below the minimum of ${integer.minimum}.` };
  if (integer.maximum !== undefined && number > integer.maximum) return { span, message: `Value ${number} is above the maximum of ${integer.maximum}.` };
  return undefined;
}

function checkMap(items: readonly unknown[], schema: CompiledSchema, holder: Span, problems: SchemaProblem[], depth: number): void {
  const required = schema.required;
  const seen = required && required.length > 0 ? new Set<string>() : undefined;
  for (const pair of items) {
    if (tagOf(pair) !== PAIR_TAG) continue;
    const key = keyText(pair as Pair);
    if (key === undefined || key === '<<') continue;
    seen?.add(key);
    const keySchema = schema.properties?.get(key) ?? patternSchema(schema, key);
    if (keySchema) {
      check((pair as Pair).value, keySchema, keySpanAt(pair as Pair, holder), problems, depth + 1);
    } else if (schema.additionalProperties === false) {
      if (!isTemplate(key)) problems.push({ span: keySpanAt(pair as Pair, holder), message: unknownPropertyMessage(key, schema.propertyNames) });
    } else if (schema.additionalProperties) {
      check((pair as Pair).value, schema.additionalProperties, keySpanAt(pair as Pair, holder), problems, depth + 1);
    }
  }
  for (const name of required ?? []) {
    if (!seen?.has(name)) problems.push({ span: holder, message: `Missing property "${name}".`, missing: true });
  }
}

function keySpanAt(pair: Pair, holder: Span): Span {
  return spanOf(pair.key as never) ?? holder;
}

function patternSchema(schema: CompiledSchema, key: string): CompiledSchema | undefined {
  for (const { regex, schema: value } of schema.patternProperties ?? []) if (regex.test(key)) return value;
  return undefined;
}

type ActualType = JsonType | 'template';

function typeOf(tag: unknown, value: unknown): ActualType {
  if (tag === MAP_TAG) return 'object';
  if (tag === SEQ_TAG) return 'array';
  if (tag !== SCALAR_TAG) return 'null';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return isTemplate(value) ? 'template' : 'string';
  return 'string';
}

function typeAccepts(accepted: readonly JsonType[] | undefined, actual: ActualType): boolean {
  if (accepted === undefined) return true;
  return accepted.includes(actual as JsonType) || (actual === 'integer' && accepted.includes('number'));
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
