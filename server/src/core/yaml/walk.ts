import { isCollection, isPair, type Node } from 'yaml';

/**
 * Calls `each` on every node below `root` (keys included), depth first. Much cheaper than the yaml
 * package's `visit`, which builds a path array per node: this runs on every entry after each keystroke.
 */
export function forEachNode(root: unknown, each: (node: Node) => void, depth = 0): void {
  if (depth > 256 || typeof root !== 'object' || root === null) return;
  if (isPair(root)) {
    forEachNode(root.key, each, depth + 1);
    forEachNode(root.value, each, depth + 1);
    return;
  }
  const node = root as Node;
  if (!('range' in node)) return;
  each(node);
  if (isCollection(node)) for (const item of node.items) forEachNode(item, each, depth + 1);
}
