/**
 * The type tag of the `yaml` package's nodes: the registered symbols its `isMap`, `isSeq`, `isScalar`, `isPair`
 * and `isAlias` compare. Code that walks every node reads the tag once and compares it, where those tests would
 * read it again each (the fast reader's nodes carry the same tag; see fast/nodes.ts).
 */
export const NODE_TYPE = Symbol.for('yaml.node.type');
export const MAP_TAG = Symbol.for('yaml.map');
export const SEQ_TAG = Symbol.for('yaml.seq');
export const SCALAR_TAG = Symbol.for('yaml.scalar');
export const PAIR_TAG = Symbol.for('yaml.pair');
export const ALIAS_TAG = Symbol.for('yaml.alias');

export function tagOf(node: unknown): unknown {
  return typeof node === 'object' && node !== null ? (node as { readonly [NODE_TYPE]?: unknown })[NODE_TYPE] : undefined;
}
