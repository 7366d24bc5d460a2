import { isMagicVariable } from '../jinja/magic';
import type { Located } from '../model/facts';
import type { Settings } from '../settings';
import type { Span } from '../types';
import { pushTo } from '../util';
import type { FileModel } from '../workspace/fileModel';
import { buildChains, serviceName, type Chain } from './chain';
import { checkPortMismatch } from './portMismatch';
import { where, type Sink } from './sink';
import type { EnvironmentView, ServiceIndex } from './view';

/** Every cross-file rule that stays inside one environment. Returns the chains for the editor features. */
export function checkEnvironment(view: EnvironmentView, services: ServiceIndex, settings: Settings, emit: Sink): Chain[] {
  const chains = buildChains(view, services, settings);
  for (const chain of chains) {
    checkPortMismatch(chain, emit);
    checkMissingLink(view, chain, settings, emit);
    checkLinkedServiceType(chain, emit);
  }
  checkDuplicates(view, emit);
  checkGroups(view, emit);
  checkStreams(view, emit);
  checkVariables(view, emit);
  return chains;
}

function checkMissingLink(view: EnvironmentView, chain: Chain, settings: Settings, emit: Sink): void {
  const { route, proxy } = chain;
  if (route && !proxy) {
    const stream = route.entry.stream;
    const target = view.proxyFiles[0];
    emit({
      file: route.file,
      span: route.entry.keySpan,
      code: 'missing-link',
      message:
        `Route ${chain.app} sends to ${settings.gatewayGroup} (stream ${stream?.name?.value ?? '?'}, port ${portText(chain, 'stream')}), ` +
        (target ? `but ${target.relativePath} has no HAProxy entry ${chain.app} nor one on that port.` : `but environment ${view.name} has no HAProxy file (kubeExpose.files.proxy).`),
      data: { app: chain.app, env: chain.env, missing: 'haproxy' },
    });
  }
  if (proxy && !route && proxy.entry.mode?.value !== 'tcp') {
    const target = view.routesFiles[0];
    emit({
      file: proxy.file,
      span: proxy.entry.keySpan,
      code: 'missing-link',
      message:
        `HAProxy entry ${chain.app} (port ${portText(chain, 'haproxy-port')}) is reached by no Nginx route: ` +
        (target ? `${target.relativePath} has no entry ${chain.app} nor a stream on that port.` : `environment ${view.name} has no routes file (kubeExpose.files.routes).`),
      data: { app: chain.app, env: chain.env, missing: 'nginx' },
    });
  }
}

function portText(chain: Chain, kind: 'stream' | 'haproxy-port'): string {
  const hop = chain.hops.find((candidate) => candidate.kind === kind);
  return hop?.value !== undefined ? String(hop.value) : 'unresolved';
}

/** A Service found by name for a chain must be reachable on a node port. */
function checkLinkedServiceType(chain: Chain, emit: Sink): void {
  const service = chain.service;
  if (!service || service.by !== 'name' || service.port?.nodePort) return;
  const type = service.service.type?.value ?? 'ClusterIP';
  if (type === 'NodePort' || type === 'LoadBalancer') return;
  emit({
    file: service.file,
    span: service.service.type?.span ?? service.service.name?.span ?? service.service.anchor,
    code: 'service-type',
    message: `Service ${serviceName(service)} is ${type}, but app ${chain.app} of environment ${chain.envName} reaches it through HAProxy (linked by name): it must be of type NodePort with a nodePort.`,
    data: { app: chain.app, env: chain.env },
  });
}

interface Occurrence {
  readonly file: FileModel;
  readonly span: Span;
  readonly owner: string;
}

function checkDuplicates(view: EnvironmentView, emit: Sink): void {
  const ports = new Map<string, Occurrence[]>();
  for (const { file, entry } of view.proxyEntries) {
    if (!entry.port) continue;
    const value = view.scope.resolvePort(entry.port, file).value;
    if (typeof value === 'number') pushTo(ports, String(value), { file, span: entry.port.span, owner: `HAProxy entry ${entry.app}` });
  }
  const streams = new Map<string, Occurrence[]>();
  const locations = new Map<string, Occurrence[]>();
  for (const { file, entry } of view.routeEntries) {
    const name = entry.stream?.name;
    if (name) pushTo(streams, name.value, { file, span: name.span, owner: `route ${entry.app}` });
    const own = new Set<string>();
    for (const location of entry.locations) {
      if (own.has(location.value)) continue;
      own.add(location.value);
      pushTo(locations, location.value, { file, span: location.span, owner: `route ${entry.app}` });
    }
  }
  reportDuplicates(ports, 'duplicate-port', (value) => `port ${value}`, view.name, emit);
  reportDuplicates(streams, 'duplicate-stream', (value) => `stream ${value}`, view.name, emit);
  reportDuplicates(locations, 'duplicate-location', (value) => `location ${value}`, view.name, emit);
}

function reportDuplicates(
  groups: Map<string, Occurrence[]>,
  code: 'duplicate-port' | 'duplicate-stream' | 'duplicate-location',
  what: (value: string) => string,
  env: string,
  emit: Sink,
): void {
  for (const [value, occurrences] of groups) {
    if (occurrences.length < 2) continue;
    for (const occurrence of occurrences) {
      const others = occurrences.filter((other) => other !== occurrence);
      emit({
        file: occurrence.file,
        span: occurrence.span,
        code,
        message: `${capitalize(occurrence.owner)} uses ${what(value)}, as ${others.map((other) => `${other.owner} (${where(other.file, other.span)})`).join(', ')} does in environment ${env}.`,
        related: others.map((other) => ({ file: other.file, span: other.span, message: `${other.owner} also uses ${what(value)}` })),
      });
    }
  }
}

function checkGroups(view: EnvironmentView, emit: Sink): void {
  if (!view.hasInventory()) return;
  const check = (file: FileModel, group: Located<string> | undefined, role: string): void => {
    if (!group || group.value.includes('{{') || view.knowsGroup(group.value)) return;
    const inventory = view.inventories[0];
    emit({
      file,
      span: group.span,
      code: 'unknown-group',
      message: `${role} names group ${group.value}, which the inventory of environment ${view.name}${inventory ? ` (${inventory.relativePath})` : ''} does not define.`,
    });
  };
  for (const { file, entry } of view.routeEntries) check(file, entry.stream?.group, `The stream of route ${entry.app}`);
  for (const { file, entry } of view.proxyEntries) check(file, entry.destinationGroup, `The destination of HAProxy entry ${entry.app}`);
  for (const file of view.proxyFiles) check(file, file.proxy?.targetGroup, 'proxies.target.group');
}

function checkStreams(view: EnvironmentView, emit: Sink): void {
  const streams = new Set(view.routeEntries.flatMap(({ entry }) => (entry.stream?.name ? [entry.stream.name.value] : [])));
  for (const { file, entry } of view.routeEntries) {
    for (const pass of entry.proxyPasses) {
      const upstream = pass.upstream;
      if (!upstream || streams.has(upstream.value)) continue;
      emit({
        file,
        span: upstream.span,
        code: 'unknown-stream',
        message: `proxy_pass of route ${entry.app} sends to ${upstream.value}, but no route of environment ${view.name} defines a stream of that name.`,
      });
    }
  }
}

function checkVariables(view: EnvironmentView, emit: Sink): void {
  for (const file of [...view.proxyFiles, ...view.routesFiles]) {
    for (const expression of file.templates) {
      const path = expression.path;
      if (path === undefined || isMagicVariable(path.split('.')[0] ?? '')) continue;
      if (view.scope.isDefined(path)) continue;
      if (expression.filters.some((filter) => filter.name === 'default' || filter.name === 'd')) continue;
      emit({
        file,
        span: expression.pathSpan ?? expression.span,
        code: 'unknown-variable',
        message: `Variable ${path} is not defined in environment ${view.name} (its inventory and group vars)${nearest(view, path)}.`,
      });
    }
  }
}

function nearest(view: EnvironmentView, path: string): string {
  const parts = path.split('.');
  for (let length = parts.length - 1; length > 0; length--) {
    const prefix = parts.slice(0, length).join('.');
    const definition = view.scope.lookup(prefix)[0];
    if (definition) return `; ${prefix} is defined at ${where(definition.file, definition.fact.keySpan)}`;
  }
  return '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
