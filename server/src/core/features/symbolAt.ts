import { isScalar, type Document, type Node } from 'yaml';
import { findExpressions } from '../jinja/template';
import type { ServiceFact, ServicePortFact } from '../model/facts';
import type { Chain, Hop } from '../rules/chain';
import type { SchemaName } from '../schema/schemas';
import type { Span } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { chainsOfService, contains, hopsAt } from './chainIndex';
import { helmPortNote } from './helmPort';
import { iniSectionsOf } from './ini';
import { innerSpan } from './names';
import { nodeAt, type PathSegment } from './nodeAt';
import { pathSegments } from './target';

/** A name the features can follow and rename. `span` covers the name only, without quotes. */
export type NameSymbol =
  | { readonly kind: 'app'; readonly env: string; readonly app: string; readonly span: Span; readonly origin: 'route' | 'proxy' | 'variable' | 'template' }
  | { readonly kind: 'stream'; readonly env: string; readonly name: string; readonly span: Span; readonly origin: 'name' | 'proxy_pass' }
  | { readonly kind: 'group'; readonly env: string; readonly name: string; readonly span: Span; readonly origin: 'inventory' | 'use' }
  | { readonly kind: 'variable'; readonly env: string; readonly path: string; readonly span: Span; readonly origin: 'definition' | 'reference' };

/** A port as written somewhere, with the chains it belongs to (none for a route that does not go through Kubernetes). */
export interface PortSymbol {
  readonly kind: 'port';
  readonly span: Span;
  readonly chains: readonly Chain[];
  /** The hop of the first chain at this place, when the port is one. */
  readonly hop?: Hop;
  /** What the port is, for a port outside any chain (`Nginx stream stream_grafana port`). */
  readonly label: string;
  readonly text: string;
  readonly env?: string;
  /** Set for the ports of a Service (`nodePort`, `port`, `targetPort`). */
  readonly service?: { readonly service: ServiceFact; readonly port: ServicePortFact };
  /** What hover says of a port outside any chain, when more is known than that. */
  readonly note?: string;
}

export interface ServiceSymbol {
  readonly kind: 'service';
  readonly span: Span;
  readonly service: ServiceFact;
  readonly chains: readonly Chain[];
}

/** A key (or the value of a key) that is none of the above: hover shows its schema description. */
export interface KeySymbol {
  readonly kind: 'key';
  readonly span: Span;
  readonly path: readonly PathSegment[];
  readonly schema?: SchemaName;
  readonly onKey: boolean;
}

export type SymbolAt = NameSymbol | PortSymbol | ServiceSymbol | KeySymbol;

/** What is under the cursor, in the terms of the exposure chain; undefined on blank space, comments and unknown files. */
export function symbolAt(workspace: Workspace, file: FileModel, rawOffset: number): SymbolAt | undefined {
  const offset = Math.max(0, Math.min(Number.isFinite(rawOffset) ? rawOffset : 0, file.text.length));
  if (iniSectionsOf(file).length) return iniSymbolAt(file, offset);
  const found = nodeAt(file, offset);
  const env = workspace.environmentOf(file);
  if (found && !found.onKey && env !== undefined && file.kind !== 'kubernetes') {
    const reference = referenceAt(file, found.node, offset, env);
    if (reference) return reference;
  }
  const hops = hopsAt(workspace, file, offset);
  const first = hops[0];
  if (first) {
    const text = file.text.slice(first.span.start, first.span.end);
    return { kind: 'port', span: first.span, chains: unique(hops.map((at) => at.chain)), hop: first.hop, label: first.hop.label, text, env: first.chain.env };
  }
  const helm = helmPortNote(file, offset);
  if (helm) return { kind: 'port', span: helm.span, chains: [], label: 'Helm template nodePort', text: file.text.slice(helm.span.start, helm.span.end), note: helm.note };
  if (!found) return undefined;
  const span = spanOf(found.node, offset);
  switch (file.kind) {
    case 'kubernetes':
      return kubernetesSymbolAt(workspace, file, found.path, found.onKey, found.node, span, offset);
    case 'inventory':
      return env === undefined ? undefined : inventorySymbolAt(file, found.path, found.onKey, found.node, span, env);
    case 'vars':
      return env === undefined ? undefined : varsSymbolAt(file, found.path, found.onKey, found.node, span, env);
    case 'routes':
      return routesSymbolAt(file, found.path, found.onKey, found.node, span, env, offset);
    case 'proxy':
      return proxySymbolAt(file, found.path, found.onKey, found.node, span, env);
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function spanOf(node: Node, offset: number): Span {
  return node.range ? { start: node.range[0], end: node.range[1] } : { start: offset, end: offset };
}

const stringValue = (node: Node): string | undefined => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined);
const isName = (value: string | undefined): value is string => value !== undefined && value.length > 0 && !value.includes('{{');

/** A segment of a `{{ var.path }}` under the offset: `app.<name>` names an app, any other path a variable. */
function referenceAt(file: FileModel, node: Node, offset: number, env: string): SymbolAt | undefined {
  const value = stringValue(node);
  if (value === undefined || !value.includes('{{') || !node.range) return undefined;
  return templateSegmentAt(file.text, { start: node.range[0], end: node.range[1] }, offset, env);
}

/** The path segment under the offset in the `{{ ... }}` expressions written within `span`. */
function templateSegmentAt(text: string, span: Span, offset: number, env: string): SymbolAt | undefined {
  for (const expression of findExpressions(text.slice(span.start, span.end), span.start)) {
    if (!expression.pathSpan || !contains(expression.pathSpan, offset)) continue;
    const segments = pathSegments(text, expression.pathSpan);
    const index = segments.findIndex((segment) => contains(segment.span, offset));
    const segment = segments[index];
    if (!segment) continue;
    const path = segments.slice(0, index + 1).map((part) => part.name);
    if (path.length === 2 && path[0] === 'app') return { kind: 'app', env, app: segment.name, span: segment.span, origin: 'template' };
    return { kind: 'variable', env, path: path.join('.'), span: segment.span, origin: 'reference' };
  }
  return undefined;
}

/** `app: { <name>: ... }` defines app `<name>`; any other key is a variable. */
function variableKey(path: readonly PathSegment[], span: Span, file: FileModel, env: string): SymbolAt | undefined {
  if (path.length === 0 || !path.every((segment): segment is string => typeof segment === 'string')) return undefined;
  const name = innerSpan(file, span);
  if (path.length === 2 && path[0] === 'app') return { kind: 'app', env, app: String(path[1]), span: name, origin: 'variable' };
  return { kind: 'variable', env, path: path.join('.'), span: name, origin: 'definition' };
}

/** `app.<name>.port` written as a number that no chain uses (the app does not go through Kubernetes). */
function loosePort(path: readonly PathSegment[], node: Node, span: Span, file: FileModel, env: string): PortSymbol | undefined {
  if (path.length !== 3 || path[0] !== 'app' || path[2] !== 'port' || !isScalar(node)) return undefined;
  return { kind: 'port', span, chains: [], label: `app.${String(path[1])}.port`, text: file.text.slice(span.start, span.end), env };
}

function varsSymbolAt(file: FileModel, path: readonly PathSegment[], onKey: boolean, node: Node, span: Span, env: string): SymbolAt | undefined {
  if (onKey) return variableKey(path, span, file, env);
  return loosePort(path, node, span, file, env);
}

/** A YAML inventory: `<group>: { hosts, children: { <group>: ... }, vars: { ... } }`. */
function inventorySymbolAt(file: FileModel, path: readonly PathSegment[], onKey: boolean, node: Node, span: Span, env: string): SymbolAt | undefined {
  let index = 0;
  while (index < path.length) {
    if (index === path.length - 1) return onKey && typeof path[index] === 'string' ? { kind: 'group', env, name: String(path[index]), span: innerSpan(file, span), origin: 'inventory' } : undefined;
    const section = path[index + 1];
    if (section === 'children') {
      index += 2;
      continue;
    }
    if (section === 'vars') {
      const variable = path.slice(index + 2);
      return onKey ? variableKey(variable, span, file, env) : loosePort(variable, node, span, file, env);
    }
    return undefined;
  }
  return undefined;
}

function iniSymbolAt(file: FileModel, offset: number): SymbolAt | undefined {
  const env = file.env;
  if (env === undefined) return undefined;
  for (const section of iniSectionsOf(file)) {
    if (contains(section.nameSpan, offset)) return { kind: 'group', env, name: section.name, span: section.nameSpan, origin: 'inventory' };
    if (!contains(section.span, offset)) continue;
    for (const item of section.items) {
      if (section.kind === 'children' && contains(item.span, offset)) return { kind: 'group', env, name: item.name, span: item.span, origin: 'inventory' };
      if (section.kind !== 'vars') continue;
      if (contains(item.span, offset)) return { kind: 'variable', env, path: item.name, span: item.span, origin: 'definition' };
      if (item.value && contains(item.value, offset)) {
        const found = templateSegmentAt(file.text, item.value, offset, env);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function routesSymbolAt(file: FileModel, path: readonly PathSegment[], onKey: boolean, node: Node, span: Span, env: string | undefined, offset: number): SymbolAt | undefined {
  const app = path[0];
  if (env !== undefined && typeof app === 'string') {
    if (onKey && path.length === 1) return { kind: 'app', env, app, span: innerSpan(file, span), origin: 'route' };
    const tail = path.slice(1).join('.');
    const value = stringValue(node);
    if (!onKey && tail === 'stream.name' && isName(value)) return { kind: 'stream', env, name: value, span: innerSpan(file, span), origin: 'name' };
    if (!onKey && tail === 'stream.group' && isName(value)) return { kind: 'group', env, name: value, span: innerSpan(file, span), origin: 'use' };
    if (!onKey && path[1] === 'webserver') {
      const entry = file.routes?.entries.find((candidate) => candidate.app === app && contains(candidate.entrySpan, offset));
      const pass = entry?.proxyPasses.find((candidate) => candidate.upstream && contains(candidate.upstream.span, offset));
      if (pass?.upstream) return { kind: 'stream', env, name: pass.upstream.value, span: pass.upstream.span, origin: 'proxy_pass' };
    }
    if (!onKey && tail === 'stream.port' && isScalar(node)) {
      const entry = file.routes?.entries.find((candidate) => candidate.app === app && contains(candidate.entrySpan, offset));
      const stream = entry?.stream;
      const where = stream?.group ? ` on ${stream.group.value}` : '';
      return { kind: 'port', span, chains: [], label: `Nginx stream ${stream?.name?.value ?? app} port${where}`, text: file.text.slice(span.start, span.end), env };
    }
  }
  return keySymbol(node, span, path, 'routes', onKey);
}

function proxySymbolAt(file: FileModel, path: readonly PathSegment[], onKey: boolean, node: Node, span: Span, env: string | undefined): SymbolAt | undefined {
  const value = stringValue(node);
  let entryPath = path;
  if (path[0] === 'proxies') {
    if (env !== undefined && !onKey && path.length === 3 && path[1] === 'target' && path[2] === 'group' && isName(value)) return { kind: 'group', env, name: value, span: innerSpan(file, span), origin: 'use' };
    if (path[1] !== 'routes' || path.length < 3) return keySymbol(node, span, path, 'proxy', onKey);
    entryPath = path.slice(2);
  }
  const app = entryPath[0];
  if (env !== undefined && typeof app === 'string') {
    if (onKey && entryPath.length === 1) return { kind: 'app', env, app, span: innerSpan(file, span), origin: 'proxy' };
    if (!onKey && entryPath.slice(1).join('.') === 'destination.group.name' && isName(value)) return { kind: 'group', env, name: value, span: innerSpan(file, span), origin: 'use' };
  }
  return keySymbol(node, span, path, 'proxy', onKey);
}

function kubernetesSymbolAt(workspace: Workspace, file: FileModel, fullPath: readonly PathSegment[], onKey: boolean, node: Node, span: Span, offset: number): SymbolAt | undefined {
  const service = file.services.find((candidate) => contains(candidate.extent, offset));
  if (!service) return undefined;
  // An item of a List reads as the Service it is.
  const path = fullPath[0] === 'items' && typeof fullPath[1] === 'number' ? fullPath.slice(2) : fullPath;
  if (service.name && contains(service.name.span, offset)) return { kind: 'service', span: innerSpan(file, service.name.span), service, chains: chainsOfService(workspace, service) };
  const field = path[3];
  if (!onKey && path[0] === 'spec' && path[1] === 'ports' && typeof path[2] === 'number' && (field === 'port' || field === 'targetPort' || field === 'nodePort')) {
    const port = service.ports.find((candidate) => contains(candidate.span, offset));
    if (port) {
      const linked = chainsOfService(workspace, service);
      const exact = linked.filter((chain) => chain.service?.port === port);
      const name = service.namespace ? `${service.namespace}/${service.name?.value ?? ''}` : (service.name?.value ?? 'Service');
      return { kind: 'port', span, chains: exact.length ? exact : linked, label: `Service ${name} ${field}`, text: file.text.slice(span.start, span.end), service: { service, port } };
    }
  }
  return keySymbol(node, span, path, 'service', onKey);
}

/** A key, or a scalar value (described by its key); blank space inside a map or a list is nothing. */
function keySymbol(node: Node, span: Span, path: readonly PathSegment[], schema: SchemaName, onKey: boolean): KeySymbol | undefined {
  return onKey || isScalar(node) ? { kind: 'key', span, path, schema, onKey } : undefined;
}

export function documentSpan(document: Document.Parsed): Span {
  const range = document.range;
  return { start: range[0], end: range[2] };
}
