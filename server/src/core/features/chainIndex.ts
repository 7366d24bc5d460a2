import type { ServiceFact } from '../model/facts';
import type { Chain, Hop } from '../rules/chain';
import type { EnvironmentView, RouteEntryAt } from '../rules/view';
import type { Span } from '../types';
import { pushTo } from '../util';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';

/** One hop of one chain, as found in a file. */
export interface HopAt {
  readonly chain: Chain;
  readonly hop: Hop;
  /** Where the hop shows in this file: its port, or the Helm template line that reads it. */
  readonly span: Span;
}

/** The chains of one environment, indexed for the editor features. */
export interface ChainIndex {
  /** The first chain of each app key. */
  readonly byApp: ReadonlyMap<string, Chain>;
  /** The chains whose route defines a stream, by stream name. */
  readonly byStream: ReadonlyMap<string, Chain>;
  /** The hops whose port is written in a file. */
  readonly hopsByFile: ReadonlyMap<FileModel, readonly HopAt[]>;
  /** The chains that reach a Service. */
  readonly byService: ReadonlyMap<ServiceFact, readonly Chain[]>;
  /** The chains whose route or HAProxy entry is in a file. */
  readonly byEntryFile: ReadonlyMap<FileModel, readonly Chain[]>;
}

/**
 * Indexes are cached by the identity of the chain list: the workspace replaces an environment's list whenever
 * it re-checks the environment, so a cached index is never stale and is built once per change, not per request.
 */
const chainIndexes = new WeakMap<readonly Chain[], ChainIndex>();

export function chainIndex(workspace: Workspace, env: string): ChainIndex {
  const chains = workspace.chains(env);
  const cached = chainIndexes.get(chains);
  if (cached) return cached;
  const byApp = new Map<string, Chain>();
  const byStream = new Map<string, Chain>();
  const hopsByFile = new Map<FileModel, HopAt[]>();
  const byService = new Map<ServiceFact, Chain[]>();
  const byEntryFile = new Map<FileModel, Chain[]>();
  for (const chain of chains) {
    if (!byApp.has(chain.app)) byApp.set(chain.app, chain);
    const stream = chain.route?.entry.stream?.name?.value;
    if (stream !== undefined && !byStream.has(stream)) byStream.set(stream, chain);
    for (const hop of chain.hops) {
      pushTo(hopsByFile, hop.file, { chain, hop, span: hop.span });
      if (hop.template) pushTo(hopsByFile, hop.template.file, { chain, hop, span: hop.template.span });
    }
    if (chain.service) pushTo(byService, chain.service.service, chain);
    if (chain.route) pushTo(byEntryFile, chain.route.file, chain);
    if (chain.proxy && chain.proxy.file !== chain.route?.file) pushTo(byEntryFile, chain.proxy.file, chain);
  }
  const index: ChainIndex = { byApp, byStream, hopsByFile, byService, byEntryFile };
  chainIndexes.set(chains, index);
  return index;
}

/** Every chain, of any environment, that reaches a Service. */
export function chainsOfService(workspace: Workspace, service: ServiceFact): Chain[] {
  const result: Chain[] = [];
  for (const env of workspace.environmentNames()) result.push(...(chainIndex(workspace, env).byService.get(service) ?? []));
  return result;
}

/** The chain hops written in a file whose span holds the offset; a Service file may be in several environments. */
export function hopsAt(workspace: Workspace, file: FileModel, offset: number): HopAt[] {
  const env = workspace.environmentOf(file);
  const envs = file.kind === 'kubernetes' ? workspace.environmentNames() : env === undefined ? [] : [env];
  const found: HopAt[] = [];
  for (const env of envs) {
    for (const at of chainIndex(workspace, env).hopsByFile.get(file) ?? []) if (contains(at.span, offset)) found.push(at);
  }
  return found;
}

/** The names of one environment, indexed; cached per view, which the workspace replaces on every re-check. */
export interface ViewIndex {
  readonly routesByApp: ReadonlyMap<string, readonly RouteEntryAt[]>;
  readonly routesByStream: ReadonlyMap<string, readonly RouteEntryAt[]>;
}

const viewIndexes = new WeakMap<EnvironmentView, ViewIndex>();

export function viewIndex(view: EnvironmentView): ViewIndex {
  const cached = viewIndexes.get(view);
  if (cached) return cached;
  const routesByApp = new Map<string, RouteEntryAt[]>();
  const routesByStream = new Map<string, RouteEntryAt[]>();
  for (const at of view.routeEntries) {
    pushTo(routesByApp, at.entry.app, at);
    const stream = at.entry.stream?.name?.value;
    if (stream !== undefined) pushTo(routesByStream, stream, at);
  }
  const index = { routesByApp, routesByStream };
  viewIndexes.set(view, index);
  return index;
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}
