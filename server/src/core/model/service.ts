import type { Document } from 'yaml';
import { entries, get, getPath, scalarText, spanOf, asSeq } from '../yaml/nodes';
import { optional } from '../util';
import { locatedText } from './located';
import type { ServiceFact, ServicePortFact } from './facts';

export function isServiceDocument(document: Document.Parsed): boolean {
  const root = document.contents;
  return scalarText(get(root, 'kind')?.value)?.value === 'Service' && scalarText(get(root, 'apiVersion')?.value)?.value === 'v1';
}

export function isKubernetesDocument(document: Document.Parsed): boolean {
  const root = document.contents;
  return scalarText(get(root, 'kind')?.value) !== undefined && scalarText(get(root, 'apiVersion')?.value) !== undefined;
}

export function readService(document: Document.Parsed): ServiceFact {
  const root = document.contents;
  const name = locatedText(getPath(root, ['metadata', 'name'])?.value);
  const type = locatedText(getPath(root, ['spec', 'type'])?.value);
  const ports: ServicePortFact[] = [];
  for (const item of asSeq(getPath(root, ['spec', 'ports'])?.value)?.items ?? []) {
    const span = spanOf(item as never);
    if (!span) continue;
    const nodePortNode = get(item, 'nodePort')?.value;
    const nodePortText = scalarText(nodePortNode);
    const nodePort = nodePortText && /^\d+$/.test(nodePortText.value) ? { value: Number(nodePortText.value), span: nodePortText.span } : undefined;
    const targetText = scalarText(get(item, 'targetPort')?.value)?.value;
    const portText = scalarText(get(item, 'port')?.value)?.value;
    ports.push({
      span,
      protocol: scalarText(get(item, 'protocol')?.value)?.value ?? 'TCP',
      ...optional('name', scalarText(get(item, 'name')?.value)?.value),
      ...optional('nodePort', nodePort),
      ...optional('port', portText !== undefined && /^\d+$/.test(portText) ? Number(portText) : undefined),
      ...optional('targetPort', targetText === undefined ? undefined : /^\d+$/.test(targetText) ? Number(targetText) : targetText),
    });
  }
  const anchor = get(root, 'kind')?.pair;
  return {
    ports,
    anchor: spanOf(anchor?.key as never) ?? spanOf(root) ?? { start: 0, end: 0 },
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

