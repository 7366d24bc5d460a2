import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { NODE_TYPE } from '../yaml/tags';

/**
 * Nodes of the `yaml` package's classes, built without their constructors. Those define the node's type tag as an
 * own property of each node (`Object.defineProperty`), which cost the fast reader more than reading the text. Here
 * the tag (the registered symbols `isScalar`, `isMap`, `isSeq` and `isPair` read) sits on a prototype that
 * inherits the class's own: the nodes pass those tests and `instanceof`, and keep every method of their class.
 */

function tagged(base: object, type: string): object {
  return Object.create(base, { [NODE_TYPE]: { value: Symbol.for(type) } }) as object;
}

const SCALAR = tagged(Scalar.prototype, 'yaml.scalar');
const MAP = tagged(YAMLMap.prototype, 'yaml.map');
const SEQ = tagged(YAMLSeq.prototype, 'yaml.seq');
const PAIR = tagged(Pair.prototype, 'yaml.pair');

export type Range = [number, number, number];

export function scalarNode(value: unknown, range: Range): Scalar {
  const node = Object.create(SCALAR) as Scalar;
  node.value = value;
  node.range = range;
  return node;
}

/**
 * A plain scalar keeps its source and type as the `yaml` package's do: how Ansible's YAML 1.1 loader reads it
 * (`030165` is octal there) is told from the text as written.
 */
export function plainScalarNode(value: unknown, source: string, range: Range): Scalar {
  const node = scalarNode(value, range);
  node.type = 'PLAIN';
  node.source = source;
  return node;
}

export function mapNode(): YAMLMap {
  const node = Object.create(MAP) as YAMLMap;
  node.items = [];
  return node;
}

export function seqNode(): YAMLSeq {
  const node = Object.create(SEQ) as YAMLSeq;
  node.items = [];
  return node;
}

export function pairNode(key: Scalar, value: Scalar | YAMLMap | YAMLSeq): Pair {
  const node = Object.create(PAIR) as Pair;
  node.key = key;
  node.value = value;
  return node;
}
