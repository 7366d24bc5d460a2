import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { keyText } from '../yaml/nodes';
import type { FileModel } from '../workspace/fileModel';
import { documentsAround } from '../workspace/documents';

export type PathSegment = string | number;

/** The YAML node under an offset, with the keys that lead to it. */
export interface NodeAt {
  readonly path: readonly PathSegment[];
  readonly node: Node;
  /** True when the offset is on a map key; `path` then ends with that key. */
  readonly onKey: boolean;
}

const MAX_DEPTH = 128;

export function nodeAt(file: FileModel, offset: number): NodeAt | undefined {
  for (const document of documentsAround(file, offset)) {
    const contents = document.contents;
    if (!contents?.range) continue;
    if (offset < contents.range[0] || offset > contents.range[2]) continue;
    return descend(contents, offset, [], 0);
  }
  return undefined;
}

function within(node: Node | null | undefined, offset: number): boolean {
  return !!node?.range && offset >= node.range[0] && offset <= node.range[1];
}

function descend(node: Node, offset: number, path: PathSegment[], depth: number): NodeAt {
  if (depth > MAX_DEPTH) return { path, node, onKey: false };
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = item.key as Node | null;
      const name = keyText(item) ?? '';
      if (within(key, offset) && key) return { path: [...path, name], node: key, onKey: true };
      const value = item.value as Node | null;
      if (value && within(value, offset)) return descend(value, offset, [...path, name], depth + 1);
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index] as Node | null;
      if (item && within(item, offset)) return descend(item, offset, [...path, index], depth + 1);
    }
  }
  return { path, node, onKey: false };
}

export function scalarValue(node: Node): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
}
