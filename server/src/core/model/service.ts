import type { Document } from 'yaml';
import { entries, get, getPath, scalarText, spanOf, asSeq } from '../yaml/nodes';
import { optional } from '../util';
import { locatedText } from './located';
import type { ServiceFact, ServicePortFact } from './facts';

/** A Service object of a document: the document itself, or an item of a `List` (`kubectl get -o yaml`). */
export interface ServiceNode {
  readonly node: unknown;
  /** The path from the document's root to the object (`items.2` for the third item of a List). */
  readonly path: readonly (string | number)[];
  /** An item of a `ServiceList` as the API server writes it: without its own `kind` and `apiVersion`. */
  readonly implicit?: true;
}

function isService(node: unknown): boolean {
  return scalarText(get(node, 'kind')?.value)?.value === 'Service' && scalarText(get(node, 'apiVersion')?.value)?.value === 'v1';
}

/** `List`, `ServiceList` and every other `*List` kind hold their objects under `items`, read one by one. */
function isListKind(node: unknown): boolean {
  const kind = scalarText(get(node, 'kind')?.value)?.value;
  return kind !== undefined && kind.endsWith('List');
}

export function serviceNodesOf(document: Document.Parsed): ServiceNode[] {
  const root = document.contents;
  if (isService(root)) return [{ node: root, path: [] }];
  if (!isListKind(root)) return [];
  const found: ServiceNode[] = [];
  const services = scalarText(get(root, 'kind')?.value)?.value === 'ServiceList';
  asSeq(get(root, 'items')?.value)?.items.forEach((item, index) => {
    if (isService(item)) found.push({ node: item, path: ['items', index] });
    else if (services && get(item, 'kind') === undefined && get(item, 'metadata') !== undefined) found.push({ node: item, path: ['items', index], implicit: true });
  });
  return found;
}

export function isKubernetesDocument(document: Document.Parsed): boolean {
  const root = document.contents;
  return scalarText(get(root, 'kind')?.value) !== undefined && scalarText(get(root, 'apiVersion')?.value) !== undefined;
}

/**
 * A nodePort the manifest sets. Absent or `0` (the zero value `kubectl get -o yaml` writes on ClusterIP
 * Services) means the cluster allocates one: nothing to check.
 */
function nodePortOf(item: unknown): ServicePortFact['nodePort'] {
  const text = scalarText(get(item, 'nodePort')?.value);
  if (!text || !/^\d+$/.test(text.value)) return undefined;
  const value = Number(text.value);
  return value === 0 ? undefined : { value, span: text.span };
}

export function readService(root: unknown): ServiceFact {
  const name = locatedText(getPath(root, ['metadata', 'name'])?.value);
  const type = locatedText(getPath(root, ['spec', 'type'])?.value);
  const ports: ServicePortFact[] = [];
  for (const item of asSeq(getPath(root, ['spec', 'ports'])?.value)?.items ?? []) {
    const span = spanOf(item as never);
    if (!span) continue;
    const targetText = scalarText(get(item, 'targetPort')?.value)?.value;
    const portText = scalarText(get(item, 'port')?.value)?.value;
    ports.push({
      span,
      protocol: scalarText(get(item, 'protocol')?.value)?.value ?? 'TCP',
      ...optional('name', scalarText(get(item, 'name')?.value)?.value),
      ...optional('nodePort', nodePortOf(item)),
      ...optional('port', portText !== undefined && /^\d+$/.test(portText) ? Number(portText) : undefined),
      ...optional('targetPort', targetText === undefined ? undefined : /^\d+$/.test(targetText) ? Number(targetText) : targetText),
    });
  }
  const anchor = get(root, 'kind')?.pair;
  const extent = spanOf(root as never) ?? { start: 0, end: 0 };
  return {
    ports,
    anchor: spanOf(anchor?.key as never) ?? extent,
    extent,
    ...optional('name', name),
    ...optional('type', type),
    ...optional('namespace', scalarText(getPath(root, ['metadata', 'namespace'])?.value)?.value),
    ...optional('appLabel', scalarText(getPath(root, ['metadata', 'labels', 'app'])?.value)?.value ?? labelValue(getPath(root, ['spec', 'selector'])?.value)),
  };
}

function labelValue(selector: unknown): string | undefined {
  const app = entries(selector).find((entry) => entry.key === 'app' || entry.key === 'app.kubernetes.io/name');
  return scalarText(app?.value)?.value;
}
