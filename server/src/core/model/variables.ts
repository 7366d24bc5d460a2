import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { entries, keySpanOf, spanOf } from '../yaml/nodes';
import { optional } from '../util';
import { yaml11Reading } from '../yaml/yaml11';
import type { VariableFact } from './facts';

/** Every variable a group vars file defines, nested maps flattened to dotted paths. */
export function readVariables(documents: readonly Document.Parsed[]): VariableFact[] {
  const result: VariableFact[] = [];
  for (const document of documents) flatten(document.contents, '', result, 0);
  return result;
}

/** Depth is bounded so that a deeply nested file cannot exhaust the stack. */
const MAX_DEPTH = 64;

export function flatten(node: unknown, prefix: string, into: VariableFact[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const entry of entries(node)) {
    const keySpan = keySpanOf(entry.pair);
    if (!keySpan) continue;
    const path = prefix ? `${prefix}.${entry.key}` : entry.key;
    const value = entry.value;
    const valueSpan = spanOf(value as never);
    if (isMap(value)) {
      into.push({ path, keySpan, kind: 'map', ...optional('valueSpan', valueSpan) });
      flatten(value, path, into, depth + 1);
    } else if (isSeq(value)) {
      into.push({ path, keySpan, kind: 'list', ...optional('valueSpan', valueSpan) });
    } else {
      // Ansible reads the file as YAML 1.1: its reading is the value its templates see.
      const scalar = isScalar(value) ? (yaml11Reading(value)?.value ?? value.value) : null;
      const plain = typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean' ? scalar : null;
      into.push({ path, keySpan, kind: 'scalar', scalar: plain, ...optional('valueSpan', valueSpan) });
    }
  }
}
