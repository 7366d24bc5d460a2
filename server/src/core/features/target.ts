import { isScalar } from 'yaml';
import { findExpressions } from '../jinja/template';
import type { Chain, Hop } from '../rules/chain';
import type { ServicePortAt } from '../rules/view';
import type { SchemaName } from '../schema/schemas';
import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { nodeAt, type PathSegment } from './nodeAt';

/** What the cursor is on, in the terms of the exposure chain. */
export type Target =
  | { readonly kind: 'app'; readonly app: string; readonly env: string; readonly span: Span }
  | { readonly kind: 'stream'; readonly name: string; readonly env: string; readonly span: Span }
  | { readonly kind: 'group'; readonly name: string; readonly env: string; readonly span: Span }
  | { readonly kind: 'variable'; readonly path: string; readonly env: string; readonly span: Span }
  | { readonly kind: 'port'; readonly chain: Chain; readonly hop: Hop; readonly span: Span }
  | { readonly kind: 'service'; readonly at: ServicePortAt; readonly chain?: Chain; readonly span: Span }
  | { readonly kind: 'key'; readonly path: readonly PathSegment[]; readonly schema: SchemaName; readonly span: Span };

const contains = (span: Span, offset: number): boolean => offset >= span.start && offset <= span.end;

export function targetAt(workspace: Workspace, file: FileModel, offset: number): Target | undefined {
  const env = workspace.environmentOf(file);
  const found = nodeAt(file, offset);
  if (!found) return groupInInventory(file, offset);
  const { path, node, onKey } = found;
  const span = node.range ? { start: node.range[0], end: node.range[1] } : { start: offset, end: offset };

  if (isScalar(node) && typeof node.value === 'string' && node.value.includes('{{') && env !== undefined) {
    const variable = variableInTemplate(file, span, offset);
    const app = variable ? /^app\.([^.]+)$/.exec(variable.path)?.[1] : undefined;
    // `app.<name>` names the app itself: renaming it renames the entries of every file.
    if (variable && app !== undefined) return { kind: 'app', app, env, span: variable.span };
    if (variable) return { kind: 'variable', path: variable.path, env, span: variable.span };
  }

  const port = portAt(workspace, file, offset);
  if (port) return port;

  if (file.kind === 'kubernetes') {
    const service = workspace.serviceIndex().all.find((at) => at.file === file && at.service.name && contains(at.service.name.span, offset));
    if (service) return { kind: 'service', at: service, span: service.service.name?.span ?? span, ...chainOfService(workspace, service) };
    return onKey ? { kind: 'key', path, schema: 'service', span } : undefined;
  }
  if (env === undefined) return undefined;

  if (file.kind === 'inventory') return groupInInventory(file, offset);
  if (file.kind === 'vars') {
    if (onKey && path.length === 2 && path[0] === 'app') return { kind: 'app', app: String(path[1]), env, span };
    if (onKey) return { kind: 'variable', path: path.join('.'), env, span };
    return undefined;
  }

  const entryPath = file.kind === 'proxy' && path[0] === 'proxies' ? path.slice(2) : path;
  if (file.kind === 'proxy' && path[0] === 'proxies' && path[1] === 'target' && path[2] === 'group' && !onKey) return group(node, env, span);
  if (onKey && entryPath.length === 1 && !(file.kind === 'proxy' && path[0] === 'proxies' && path.length < 3)) return { kind: 'app', app: String(entryPath[0]), env, span };
  if (!onKey) {
    const tail = entryPath.slice(1).join('.');
    if (file.kind === 'routes' && tail === 'stream.name') return stream(node, env, span);
    if (file.kind === 'routes' && tail === 'stream.group') return group(node, env, span);
    if (file.kind === 'proxy' && tail === 'destination.group.name') return group(node, env, span);
    if (file.kind === 'routes' && /^webserver\.\d+\.params\.proxy_pass\.values(\.\d+)?$/.test(tail)) {
      const pass = file.routes?.entries.flatMap((entry) => entry.proxyPasses).find((candidate) => candidate.upstream && contains(candidate.upstream.span, offset));
      if (pass?.upstream) return { kind: 'stream', name: pass.upstream.value, env, span: pass.upstream.span };
    }
  }
  return onKey ? { kind: 'key', path: entryPath.length ? ['*', ...entryPath.slice(1)] : entryPath, schema: file.kind === 'proxy' ? 'proxy' : 'routes', span } : undefined;
}

function stream(node: unknown, env: string, span: Span): Target | undefined {
  return isScalar(node) && typeof node.value === 'string' ? { kind: 'stream', name: node.value, env, span } : undefined;
}

function group(node: unknown, env: string, span: Span): Target | undefined {
  return isScalar(node) && typeof node.value === 'string' ? { kind: 'group', name: node.value, env, span } : undefined;
}

function groupInInventory(file: FileModel, offset: number): Target | undefined {
  const found = file.inventory?.groups.find((candidate) => contains(candidate.span, offset) && candidate.span.end > candidate.span.start);
  return found && file.env !== undefined ? { kind: 'group', name: found.name, env: file.env, span: found.span } : undefined;
}

/** The port hop of a chain under the offset, in any of the chain's files. */
function portAt(workspace: Workspace, file: FileModel, offset: number): Target | undefined {
  const chains = file.kind === 'kubernetes' ? workspace.chains() : file.env === undefined ? [] : workspace.chains(file.env);
  for (const chain of chains) {
    for (const hop of chain.hops) {
      if (hop.file === file && contains(hop.span, offset)) return { kind: 'port', chain, hop, span: hop.span };
    }
  }
  return undefined;
}

function chainOfService(workspace: Workspace, at: ServicePortAt): { chain?: Chain } {
  const chain = workspace.chains().find((candidate) => candidate.service?.service === at.service);
  return chain ? { chain } : {};
}

export interface SegmentSpan {
  readonly name: string;
  readonly span: Span;
}

/** The segments of a variable path as written (`app.pgadmin4.port`, `ports['web']`), each with its span. */
export function pathSegments(text: string, pathSpan: Span): SegmentSpan[] {
  const raw = text.slice(pathSpan.start, pathSpan.end);
  const segments: SegmentSpan[] = [];
  const token = /([A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\]/g;
  for (let match = token.exec(raw); match; match = token.exec(raw)) {
    const name = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    const inner = match[1] !== undefined ? match.index : match.index + match[0].indexOf(name);
    segments.push({ name, span: { start: pathSpan.start + inner, end: pathSpan.start + inner + name.length } });
  }
  return segments;
}

/** The variable path up to the segment under the cursor, inside a `{{ ... }}` of the scalar at `span`. */
function variableInTemplate(file: FileModel, span: Span, offset: number): { path: string; span: Span } | undefined {
  for (const expression of findExpressions(file.text.slice(span.start, span.end), span.start)) {
    if (!expression.pathSpan || !contains(expression.pathSpan, offset)) continue;
    const segments = pathSegments(file.text, expression.pathSpan);
    const index = segments.findIndex((segment) => contains(segment.span, offset));
    if (index < 0) continue;
    const segment = segments[index];
    if (!segment) continue;
    return { path: segments.slice(0, index + 1).map((part) => part.name).join('.'), span: segment.span };
  }
  return undefined;
}
