import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { MAP_TAG, PAIR_TAG, SEQ_TAG, tagOf } from './tags';

/**
 * Calls `each` on every node below `root` (keys included), depth first. Much cheaper than the yaml
 * package's `visit`, which builds a path array per node: this runs on every entry after each keystroke.
 */
export function forEachNode(root: unknown, each: (node: Node) => void, depth = 0): void {
  if (depth > 256 || typeof root !== 'object' || root === null) return;
  const tag = tagOf(root);
  if (tag === PAIR_TAG) {
    forEachNode((root as Pair).key, each, depth + 1);
    forEachNode((root as Pair).value, each, depth + 1);
    return;
  }
  const node = root as Node;
  if (!('range' in node)) return;
  each(node);
  if (tag === MAP_TAG || tag === SEQ_TAG) for (const item of (node as YAMLMap | YAMLSeq).items) forEachNode(item, each, depth + 1);
}
