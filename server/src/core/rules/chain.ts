import type { PortRef } from '../model/facts';
import type { Settings } from '../settings';
import type { Span } from '../types';
import type { FileModel } from '../model/files';
import type { Resolution, VariableDefinition } from './scope';
import type { EnvironmentView, ProxyEntryAt, RouteEntryAt, ServiceIndex, ServicePortAt } from './view';

export type HopKind = 'service' | 'variable' | 'haproxy-port' | 'haproxy-destination' | 'stream';

/** Lower wins a tie when hops disagree: the deployed Service is the most likely truth. */
const PRIORITY: Record<HopKind, number> = { service: 0, variable: 1, 'haproxy-port': 2, 'haproxy-destination': 3, stream: 4 };

export interface Hop {
  readonly kind: HopKind;
  readonly label: string;
  /** Where the hop's port appears. */
  readonly file: FileModel;
  readonly span: Span;
  readonly value?: number;
  /** Where the number is literally written (a variable's definition for a `{{ }}` reference). */
  readonly source?: { readonly file: FileModel; readonly span: Span };
  readonly via: readonly VariableDefinition[];
  /** The template the expression reader computed the value from, or could not (then `unresolved` says why). */
  readonly expression?: string;
  readonly unresolved?: string;
  /** For a Helm chart's Service: the template line that reads the value. */
  readonly template?: { readonly file: FileModel; readonly span: Span };
}

export interface ServiceLink extends ServicePortAt {
  readonly by: 'nodePort' | 'name';
}

export interface Chain {
  /** The environment's folder (its id); `envName` is what users see. */
  readonly env: string;
  readonly envName: string;
  readonly app: string;
  readonly route?: RouteEntryAt;
  readonly proxy?: ProxyEntryAt;
  readonly routeProxyLink?: 'key' | 'port';
  readonly variable?: VariableDefinition;
  readonly service?: ServiceLink;
  readonly hops: readonly Hop[];
  /** The port the chain agrees on (the most common value; ties go to the Service, then the variable). */
  readonly expected?: number;
}

/** The port a reference resolves to, possibly remembered from an earlier check of the environment. */
export type PortValue = (ref: PortRef, file: FileModel) => number | string | undefined;

export type LinkVisitor = (app: string, route: RouteEntryAt | undefined, proxy: ProxyEntryAt | undefined, link: 'key' | 'port' | undefined) => void;

/** What pairs routes with HAProxy entries: the HAProxy side by key and by port, and the apps routes name. */
export interface Linking {
  readonly proxyByKey: ReadonlyMap<string, ProxyEntryAt>;
  readonly proxyPorts: ReadonlyMap<number, ProxyEntryAt>;
  readonly routeApps: ReadonlySet<string>;
}

export function linkingOf(view: EnvironmentView, portValue: PortValue): Linking {
  const proxyByKey = new Map<string, ProxyEntryAt>();
  for (const at of view.proxyEntries) proxyByKey.set(at.entry.app, at);
  const proxyPorts = new Map<number, ProxyEntryAt>();
  for (const at of view.proxyEntries) {
    const port = at.entry.port ? portValue(at.entry.port, at.file) : undefined;
    if (typeof port === 'number' && !proxyPorts.has(port)) proxyPorts.set(port, at);
  }
  const routeApps = new Set<string>();
  for (const route of view.routeEntries) routeApps.add(route.entry.app);
  return { proxyByKey, proxyPorts, routeApps };
}

/**
 * The HAProxy entry a route reaches (by key, else by its stream port), or undefined when the route makes no
 * chain: it neither has an HAProxy entry nor sends to the Kubernetes gateway.
 */
export function linkRoute(route: RouteEntryAt, linking: Linking, settings: Settings, portValue: PortValue): { proxy: ProxyEntryAt | undefined; link: 'key' | 'port' | undefined } | undefined {
  const byKey = linking.proxyByKey.get(route.entry.app);
  if (byKey) return { proxy: byKey, link: 'key' };
  const toGateway = route.entry.stream?.group?.value === settings.gatewayGroup;
  if (!toGateway) return undefined;
  const streamPort = route.entry.stream?.port ? portValue(route.entry.stream.port, route.file) : undefined;
  const byPort = typeof streamPort === 'number' ? linking.proxyPorts.get(streamPort) : undefined;
  // An HAProxy entry that another route names by key belongs to that route.
  if (byPort && !(linking.proxyByKey.has(byPort.entry.app) && linking.routeApps.has(byPort.entry.app))) return { proxy: byPort, link: 'port' };
  return { proxy: undefined, link: undefined };
}

/**
 * Pairs each app's Nginx route with its HAProxy entry (by key, else by port) and calls `each` once per chain
 * of the environment, in order: the routes that go through the Kubernetes gateway, then the HAProxy entries no
 * route reaches. The chains themselves are assembled by the caller, which may reuse earlier ones.
 */
export function linkChains(view: EnvironmentView, linking: Linking, settings: Settings, portValue: PortValue, each: LinkVisitor): void {
  const linkedProxies = new Set<ProxyEntryAt>();
  const seenRoutes = new Set<string>();
  for (const route of view.routeEntries) {
    if (seenRoutes.has(route.entry.app)) continue;
    seenRoutes.add(route.entry.app);
    const linked = linkRoute(route, linking, settings, portValue);
    if (!linked) continue;
    if (linked.proxy) linkedProxies.add(linked.proxy);
    each(route.entry.app, route, linked.proxy, linked.link);
  }
  for (const proxy of view.proxyEntries) {
    if (linkedProxies.has(proxy) || seenRoutes.has(proxy.entry.app)) continue;
    each(proxy.entry.app, undefined, proxy, undefined);
  }
}

/** Builds one app's chain: its hops, the Service it reaches, and the port the hops agree on. */
export function assemble(
  view: EnvironmentView,
  services: ServiceIndex,
  app: string,
  route: RouteEntryAt | undefined,
  proxy: ProxyEntryAt | undefined,
  routeProxyLink: 'key' | 'port' | undefined,
): Chain {
  const ports: Hop[] = [];
  if (proxy?.entry.port) ports.push(portHop(view, 'haproxy-port', `HAProxy ${proxy.entry.app} port`, proxy.file, proxy.entry.port));
  if (proxy?.entry.destinationPort) {
    ports.push(portHop(view, 'haproxy-destination', `HAProxy ${proxy.entry.app} destination port`, proxy.file, proxy.entry.destinationPort));
  }
  const stream = route?.entry.stream;
  if (route && stream?.port) ports.push(portHop(view, 'stream', `Nginx stream ${stream.name?.value ?? route.entry.app} port`, route.file, stream.port));
  // The definition the hops read (a group may override the one of group_vars/all for its hosts), else the first.
  const path = `app.${app}.port`;
  const variable = variableOfHops(ports, path) ?? view.scope.lookup(path)[0];
  const hops: Hop[] = [];
  if (variable?.fact.valueSpan) {
    const value = variableValue(view, variable);
    hops.push(withSource({ kind: 'variable', label: path, file: variable.file, span: variable.fact.valueSpan, via: [] }, value));
  }
  hops.push(...ports);

  const service = linkService(view, services, app, hops);
  if (service?.port?.nodePort) {
    const nodePort = service.port.nodePort;
    hops.unshift({
      kind: 'service',
      label: `Service ${serviceName(service)} nodePort`,
      file: service.file,
      span: nodePort.span,
      value: nodePort.value,
      source: { file: service.file, span: nodePort.span },
      via: [],
      ...(service.template ? { template: service.template } : {}),
    });
  }
  // Assigned one by one, in this order, rather than spread: a check builds thousands of chains.
  const chain: { -readonly [K in keyof Chain]: Chain[K] } = { env: view.id, envName: view.name, app, hops };
  if (route) chain.route = route;
  if (proxy) chain.proxy = proxy;
  if (routeProxyLink) chain.routeProxyLink = routeProxyLink;
  if (variable) chain.variable = variable;
  if (service) chain.service = service;
  const expected = expectedOf(hops);
  if (expected !== undefined) chain.expected = expected;
  return chain;
}

/** The definition of `path` some hop read on its way, if any. */
function variableOfHops(hops: readonly Hop[], path: string): VariableDefinition | undefined {
  for (const hop of hops) for (const definition of hop.via) if (definition.fact.path === path) return definition;
  return undefined;
}

export function serviceName(at: ServicePortAt): string {
  const name = at.service.name?.value ?? '(unnamed)';
  return at.service.namespace ? `${at.service.namespace}/${name}` : name;
}

/** Resolves `app.<name>.port` itself, following it when its value is another template. */
function variableValue(view: EnvironmentView, variable: VariableDefinition): Resolution {
  const span = variable.fact.valueSpan ?? variable.fact.keySpan;
  return view.scope.resolveExpression({ span, path: variable.fact.path, filters: [], simple: true }, variable.file, 0, []);
}

function portHop(view: EnvironmentView, kind: HopKind, label: string, file: FileModel, ref: PortRef): Hop {
  const resolution = view.scope.resolvePort(ref, file);
  return withSource({ kind, label, file, span: ref.span, via: resolution.via }, resolution);
}

/** The hop with what its resolution found: assigned, not spread, as for chains (see assemble). */
function withSource(hop: { -readonly [K in keyof Hop]: Hop[K] }, resolution: Resolution): Hop {
  if (typeof resolution.value === 'number' && resolution.source) {
    hop.value = resolution.value;
    hop.source = resolution.source;
  }
  if (resolution.expression !== undefined) hop.expression = resolution.expression;
  if (resolution.unresolved !== undefined) hop.unresolved = resolution.unresolved;
  return hop;
}

function linkService(view: EnvironmentView, services: ServiceIndex, app: string, hops: readonly Hop[]): ServiceLink | undefined {
  const ordered = [...hops].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind]);
  for (const hop of ordered) {
    if (hop.value === undefined) continue;
    const found = services.withNodePort(hop.value, view.id);
    if (found) return { ...found, by: 'nodePort' };
  }
  const named = services.named(app, view.id);
  const found = named.find((at) => at.port?.nodePort) ?? named[0];
  if (found) return { ...found, by: 'name' };
  return undefined;
}

/** The most common value among the distinct places where a number is written. */
function expectedOf(hops: readonly Hop[]): number | undefined {
  const votes = new Map<number, { count: number; priority: number }>();
  const counted: NonNullable<Hop['source']>[] = [];
  for (const hop of hops) {
    const source = hop.source;
    if (hop.value === undefined || !source) continue;
    // A chain has a handful of hops: comparing beats building a key per hop on every re-check.
    if (counted.some((other) => other.file.path === source.file.path && other.span.start === source.span.start)) continue;
    counted.push(source);
    const vote = votes.get(hop.value) ?? { count: 0, priority: Number.POSITIVE_INFINITY };
    votes.set(hop.value, { count: vote.count + 1, priority: Math.min(vote.priority, PRIORITY[hop.kind]) });
  }
  let best: [number, { count: number; priority: number }] | undefined;
  for (const entry of votes) {
    if (!best || entry[1].count > best[1].count || (entry[1].count === best[1].count && entry[1].priority < best[1].priority)) best = entry;
  }
  return best?.[0];
}
