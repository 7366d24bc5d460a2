import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../types';
import { SCALAR_TAG, tagOf } from './tags';

export type AnyNode = Node | null | undefined;

export function spanOf(node: AnyNode): Span | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

/** The span of a pair's key, falling back to its value, for diagnostics about a whole entry. */
export function keySpanOf(pair: Pair): Span | undefined {
  return spanOf(pair.key as AnyNode) ?? spanOf(pair.value as AnyNode);
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  // The tag compared directly (see tags.ts): this runs for every key of every map the validator and readers walk.
  if (tagOf(key) === SCALAR_TAG) {
    const value = (key as Scalar).value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return value === null ? 'null' : undefined;
  }
  return undefined;
}

export interface Entry {
  readonly key: string;
  readonly pair: Pair;
  readonly value: unknown;
}

/** The pairs of a map whose keys are plain scalars; merge keys and complex keys are skipped. */
export function entries(node: unknown): Entry[] {
  const map = asMap(node);
  if (!map) return [];
  const result: Entry[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = keyText(item);
    if (key === undefined || key === '<<') continue;
    result.push({ key, pair: item, value: item.value });
  }
  return result;
}

export function get(node: unknown, key: string): Entry | undefined {
  return entries(node).find((entry) => entry.key === key);
}

export function getPath(node: unknown, path: readonly string[]): Entry | undefined {
  let current: unknown = node;
  let found: Entry | undefined;
  for (const key of path) {
    found = get(current, key);
    if (!found) return undefined;
    current = found.value;
  }
  return found;
}

export interface ScalarText {
  readonly value: string;
  readonly span: Span;
}

/** A scalar's value as text (numbers and booleans stringified), with its span. */
export function scalarText(node: unknown): ScalarText | undefined {
  if (isAlias(node) || !isScalar(node)) return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  const value = node.value;
  if (typeof value === 'string') return { value, span };
  if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value), span };
  return undefined;
}

export function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
