import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { asSeq, get, scalarText, spanOf } from '../yaml/nodes';
import { optional } from '../util';
import type { Located, ServiceFact } from './facts';
import { readService, serviceNodesOf } from './service';

/** One operation of a JSON 6902 patch, as far as a Service's node ports need it. */
export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: Located<string>;
}

export interface PatchTarget {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A patch of a kustomization: in a file (`path`), or inline with its Services or operations read in place. */
export interface PatchFact {
  readonly path?: string;
  readonly services: readonly ServiceFact[];
  readonly operations: readonly JsonPatchOperation[];
  readonly target?: PatchTarget;
}

export interface KustomizationFacts {
  readonly resources: readonly string[];
  readonly patches: readonly PatchFact[];
  readonly namePrefix?: string;
  readonly nameSuffix?: string;
  readonly namespace?: string;
}

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationPath(relativePath: string): boolean {
  return KUSTOMIZATION_NAMES.includes(relativePath.split('/').pop() ?? '');
}

const OPERATIONS_HINT = /^\s*-\s*["']?op["']?\s*:\s*["']?(?:add|remove|replace|move|copy|test)\b/m;
const PATH_HINT = /["']?path["']?\s*:\s*["']?\//;

/** A file that may hold a JSON 6902 patch (a list of `op:` entries), kept for the kustomizations that name it. */
export function mayHoldJsonPatch(text: string): boolean {
  return OPERATIONS_HINT.test(text) && PATH_HINT.test(text);
}

export function readKustomization(documents: readonly Document.Parsed[], text: string): KustomizationFacts {
  const root = documents[0]?.contents;
  const strings = (key: string): string[] => (asSeq(get(root, key)?.value)?.items ?? []).flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : []));
  // In the order kustomize applies them, whatever their order in the file.
  const patches: PatchFact[] = [];
  for (const item of asSeq(get(root, 'patchesStrategicMerge')?.value)?.items ?? []) {
    const value = scalarText(item)?.value;
    if (value === undefined) continue;
    patches.push(value.includes('\n') ? inlinePatch(item, text, undefined) : { path: value, services: [], operations: [] });
  }
  for (const item of asSeq(get(root, 'patches')?.value)?.items ?? []) patches.push(readPatch(item, text));
  for (const item of asSeq(get(root, 'patchesJson6902')?.value)?.items ?? []) patches.push(readPatch(item, text));
  return {
    resources: [...strings('resources'), ...strings('bases')],
    patches,
    ...optional('namePrefix', scalarText(get(root, 'namePrefix')?.value)?.value),
    ...optional('nameSuffix', scalarText(get(root, 'nameSuffix')?.value)?.value),
    ...optional('namespace', scalarText(get(root, 'namespace')?.value)?.value),
  };
}

function readPatch(item: unknown, text: string): PatchFact {
  const targetNode = get(item, 'target')?.value;
  const target: PatchTarget | undefined = isMap(targetNode)
    ? {
        ...optional('kind', scalarText(get(targetNode, 'kind')?.value)?.value),
        ...optional('name', scalarText(get(targetNode, 'name')?.value)?.value),
        ...optional('namespace', scalarText(get(targetNode, 'namespace')?.value)?.value),
      }
    : undefined;
  const path = scalarText(get(item, 'path')?.value)?.value;
  if (path !== undefined) return { path, services: [], operations: [], ...optional('target', target) };
  return inlinePatch(get(item, 'patch')?.value, text, target);
}

/**
 * An inline patch is YAML inside a string. It is parsed where it stands: every byte of the file outside the
 * string's content is blanked, so that the nodes' ranges are offsets of the kustomization file itself.
 */
function inlinePatch(node: unknown, text: string, target: PatchTarget | undefined): PatchFact {
  const span = spanOf(node as never);
  const empty: PatchFact = { services: [], operations: [], ...optional('target', target) };
  if (!span || !isScalar(node)) return empty;
  const masked = maskedContent(text, span, node.type);
  const documents = parseAllDocuments(masked, { keepSourceTokens: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const services: ServiceFact[] = [];
  const operations: JsonPatchOperation[] = [];
  for (const document of list) {
    if (document.errors.length) continue;
    for (const { node: service } of serviceNodesOf(document)) services.push(readService(service));
    operations.push(...readOperations(document.contents));
  }
  return { services, operations, ...optional('target', target) };
}

function maskedContent(text: string, span: { start: number; end: number }, type: string | undefined): string {
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\n]/g, ' ');
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const header = text.indexOf('\n', span.start);
    const start = header < 0 ? span.end : header + 1;
    return blank(0, start) + text.slice(start, span.end) + blank(span.end, text.length);
  }
  // A quoted or plain one-line value: its quotes are blanked too.
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? 1 : 0;
  return blank(0, span.start + quoted) + text.slice(span.start + quoted, span.end - quoted) + blank(span.end - quoted, text.length);
}

export function readOperations(root: unknown): JsonPatchOperation[] {
  if (!isSeq(root)) return [];
  const operations: JsonPatchOperation[] = [];
  for (const item of root.items) {
    const op = scalarText(get(item, 'op')?.value)?.value;
    const path = scalarText(get(item, 'path')?.value)?.value;
    if (op === undefined || path === undefined) continue;
    const value = scalarText(get(item, 'value')?.value);
    operations.push({ op, path, ...optional('value', value ? { value: value.value, span: value.span } : undefined) });
  }
  return operations;
}
