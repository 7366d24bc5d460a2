import { isMagicVariable } from '../jinja/magic';
import type { TemplateExpression } from '../jinja/template';
import type { Located } from '../model/facts';
import { settingName, type Settings } from '../settings';
import type { FixData, Span } from '../types';
import type { FileModel } from '../model/files';
import { serviceName, type Chain, type PortValue } from './chain';
import { checkPortMismatch } from './portMismatch';
import { where, type Sink } from './sink';
import type { EnvironmentView, ProxyEntryAt, RouteEntryAt } from './view';

/** The rules on one chain alone; their diagnostics depend on nothing but the chain and the environment's files. */
export function checkChain(view: EnvironmentView, chain: Chain, settings: Settings, emit: Sink): void {
  checkPortMismatch(chain, emit);
  checkMissingLink(view, chain, settings, emit);
  checkLinkedServiceType(chain, emit);
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
        (target ? `but ${target.relativePath} has no HAProxy entry ${chain.app} nor one on that port.` : `but environment ${view.name} has no HAProxy file (${settingName(settings, 'files.proxy')}).`),
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
        (target ? `${target.relativePath} has no entry ${chain.app} nor a stream on that port.` : `environment ${view.name} has no routes file (${settingName(settings, 'files.routes')}).`),
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

/** The HAProxy ports, stream names and locations that occur more than once in an environment. */
export interface RepeatedValues {
  readonly ports: ReadonlySet<number>;
  readonly streams: ReadonlySet<string>;
  readonly locations: ReadonlySet<string>;
}

/** Ports, stream names and locations used twice in the environment. */
export function checkDuplicates(view: EnvironmentView, portValue: PortValue, emit: Sink): RepeatedValues {
  const ports = new Duplicates<number>();
  for (const at of view.proxyEntries) {
    const port = at.entry.port;
    if (!port) continue;
    const value = portValue(port, at.file);
    if (typeof value === 'number') ports.add(value, at.file, port.span, at.entry.app);
  }
  const streams = new Duplicates<string>();
  const locations = new Duplicates<string>();
  for (const { file, entry } of view.routeEntries) {
    const name = entry.stream?.name;
    if (name) streams.add(name.value, file, name.span, entry.app);
    const list = entry.locations;
    for (let index = 0; index < list.length; index++) {
      const location = list[index];
      if (location && !repeatsEarlier(list, index)) locations.add(location.value, file, location.span, entry.app);
    }
  }
  reportDuplicates(ports.repeated('HAProxy entry '), 'duplicate-port', (value) => `port ${value}`, view.name, emit);
  reportDuplicates(streams.repeated('route '), 'duplicate-stream', (value) => `stream ${value}`, view.name, emit);
  reportDuplicates(locations.repeated('route '), 'duplicate-location', (value) => `location ${value}`, view.name, emit);
  return { ports: ports.repeatedValues(), streams: streams.repeatedValues(), locations: locations.repeatedValues() };
}

/** A route naming one location twice is not a duplicate across routes: only its first occurrence counts. */
function repeatsEarlier(list: readonly Located<string>[], index: number): boolean {
  const value = list[index]?.value;
  for (let earlier = 0; earlier < index; earlier++) if (list[earlier]?.value === value) return true;
  return false;
}

/**
 * Values and where they occur. Almost every value occurs once, and this runs after each keystroke over
 * thousands of entries: a value seen once keeps only its first place, and lists are made only for repeats.
 */
class Duplicates<V> {
  private readonly first = new Map<V, { file: FileModel; span: Span; app: string }>();
  private readonly repeats = new Map<V, { file: FileModel; span: Span; app: string }[]>();

  add(value: V, file: FileModel, span: Span, app: string): void {
    const place = this.first.get(value);
    if (place === undefined) {
      this.first.set(value, { file, span, app });
      return;
    }
    const list = this.repeats.get(value);
    if (list) list.push({ file, span, app });
    else this.repeats.set(value, [place, { file, span, app }]);
  }

  repeatedValues(): Set<V> {
    return new Set(this.repeats.keys());
  }

  /** The repeated values, in the order their first occurrence was seen. */
  repeated(owner: string): Map<string, Occurrence[]> {
    const groups = new Map<string, Occurrence[]>();
    if (this.repeats.size === 0) return groups;
    for (const value of this.first.keys()) {
      const list = this.repeats.get(value);
      if (list) groups.set(String(value), list.map((place) => ({ file: place.file, span: place.span, owner: `${owner}${place.app}` })));
    }
    return groups;
  }
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

/** The group an HAProxy entry's destination names. */
export function proxyGroupProblem(view: EnvironmentView, { file, entry }: ProxyEntryAt, emit: Sink): void {
  if (view.hasInventory()) groupProblem(view, file, entry.destinationGroup, `The destination of HAProxy entry ${entry.app}`, emit);
}

/** The group `proxies.target.group` of a wrapped proxy.yml names. */
export function targetGroupProblem(view: EnvironmentView, file: FileModel, emit: Sink): void {
  if (view.hasInventory()) groupProblem(view, file, file.proxy?.targetGroup, 'proxies.target.group', emit);
}

/** The group a route's stream names, checked alone: it depends on nothing but the route and the inventory. */
export function routeGroupProblem(view: EnvironmentView, { file, entry }: RouteEntryAt, emit: Sink): void {
  if (!view.hasInventory()) return;
  groupProblem(view, file, entry.stream?.group, `The stream of route ${entry.app}`, emit);
}

function groupProblem(view: EnvironmentView, file: FileModel, group: Located<string> | undefined, role: string, emit: Sink): void {
  // Almost every group is known: the role is only worded for the ones reported.
  if (group === undefined || group.value.includes('{{') || view.knowsGroup(group.value)) return;
  const inventory = view.inventories[0];
  emit({
    file,
    span: group.span,
    code: 'unknown-group',
    message: `${role} names group ${group.value}, which the inventory of environment ${view.name}${inventory ? ` (${inventory.relativePath})` : ''} does not define.`,
  });
}

/** The streams routes define, which proxy_pass may name. */
export function streamNames(view: EnvironmentView): Set<string> {
  const streams = new Set<string>();
  for (const { entry } of view.routeEntries) if (entry.stream?.name) streams.add(entry.stream.name.value);
  return streams;
}

/** The upstreams a route's proxy_pass names must be streams of the environment. */
export function routeStreamProblems(view: EnvironmentView, streams: ReadonlySet<string>, { file, entry }: RouteEntryAt, emit: Sink): void {
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

/**
 * A `{{ }}` expression's diagnostic depends only on the expression and the environment's variables, so `known`
 * may remember the message (or null) for expressions of files that did not change.
 */
export function variableProblem(view: EnvironmentView, known: WeakMap<TemplateExpression, VariableProblem | null>, file: FileModel, expression: TemplateExpression, emit: Sink): void {
  let problem = known.get(expression);
  if (problem === undefined) {
    problem = hyphenatedName(view, expression) ?? unknownVariable(view, expression, file) ?? hostsDisagree(view, expression, file);
    known.set(expression, problem);
  }
  if (problem !== null) emit({ file, code: problem.code ?? 'unknown-variable', span: problem.span, message: problem.message, ...(problem.data ? { data: problem.data } : {}) });
}

/** What is wrong with one `{{ }}` expression, where, and what replaces it when that is known. */
export interface VariableProblem {
  readonly span: Span;
  readonly message: string;
  readonly data?: FixData;
  /** `unknown-variable` unless said otherwise. */
  readonly code?: 'port-mismatch';
}

function unknownVariable(view: EnvironmentView, expression: TemplateExpression, file: FileModel): VariableProblem | null {
  const path = expression.path;
  if (path === undefined || isMagicVariable(path.split('.')[0] ?? '')) return null;
  if (expression.filters.some((filter) => filter.name === 'default' || filter.name === 'd')) return null;
  if (view.scope.isDefined(path)) return missingForHosts(view, path, expression, file);
  if (view.scope.encryptedFor(path, file)) return null;
  return { span: expression.pathSpan ?? expression.span, message: `Variable ${path} is not defined in environment ${view.name} (its inventory and group vars)${nearest(view, path)}.` };
}

/** Defined somewhere in the environment, but not for some hosts that read the file (a dict replaced by a higher one, a group they are not in). */
function missingForHosts(view: EnvironmentView, path: string, expression: TemplateExpression, file: FileModel): VariableProblem | null {
  const missing = view.scope.undefinedFor(path, file);
  if (!missing) return null;
  const shown = missing.hosts.slice(0, 5).join(', ') + (missing.hosts.length > 5 ? ` and ${missing.hosts.length - 5} more` : '');
  const why = missing.reason ?? 'no inventory, group_vars or host_vars source that applies to them defines it';
  return { span: expression.pathSpan ?? expression.span, message: `Variable ${path} is not defined for host${missing.hosts.length > 1 ? 's' : ''} ${shown} of environment ${view.name}, which read${missing.hosts.length > 1 ? '' : 's'} this file: ${why}.` };
}

/**
 * A port the hosts reading the file see differently (a host_vars override on one gateway): that host would
 * listen on another port than the rest of the chain.
 */
function hostsDisagree(view: EnvironmentView, expression: TemplateExpression, file: FileModel): VariableProblem | null {
  const path = expression.path;
  if (path === undefined || file.kind === 'vars') return null;
  const values = view.scope.perHost(path, file);
  if (!values || values.length < 2) return null;
  const byValue = new Map<number, { hosts: string[]; at: string }>();
  for (const value of values) {
    const scalar = value.fact?.scalar;
    const port = typeof scalar === 'number' ? scalar : typeof scalar === 'string' && /^\s*\d+\s*$/.test(scalar) ? Number(scalar) : undefined;
    if (port === undefined || !value.file || !value.fact) continue;
    const entry = byValue.get(port);
    if (entry) entry.hosts.push(value.host);
    else byValue.set(port, { hosts: [value.host], at: where(value.file, value.fact.keySpan) });
  }
  if (byValue.size < 2) return null;
  const groups = [...byValue].sort((a, b) => b[1].hosts.length - a[1].hosts.length);
  const [most, ...odd] = groups;
  if (!most) return null;
  const list = (hosts: readonly string[]): string => hosts.slice(0, 5).join(', ') + (hosts.length > 5 ? ` and ${hosts.length - 5} more` : '');
  return {
    code: 'port-mismatch',
    span: expression.pathSpan ?? expression.span,
    message:
      `${path} is ${most[0]} for ${list(most[1].hosts)} (${most[1].at}), but ` +
      odd.map(([port, entry]) => `${port} for ${list(entry.hosts)} (${entry.at})`).join(', ') +
      `: ${odd.length === 1 && odd[0]?.[1].hosts.length === 1 ? 'that host' : 'those hosts'} would listen on another port than the rest of environment ${view.name}.`,
  };
}

/** `app.pg-admin4.port` where `pg-admin4` is a key: Jinja subtracts; brackets say what was meant. */
function hyphenatedName(view: EnvironmentView, expression: TemplateExpression): VariableProblem | null {
  const written = expression.hyphenated;
  if (!written || !view.scope.isDefined(written.path)) return null;
  const [first = '', ...rest] = written.path.split('.');
  const replacement = first + rest.map((name) => (/^[A-Za-z_]\w*$/.test(name) ? `.${name}` : `['${name}']`)).join('');
  const cut = written.path.indexOf('-');
  return {
    span: written.span,
    message: `Jinja reads ${written.path} as ${written.path.slice(0, cut)} minus ${written.path.slice(cut + 1)}: a name with a hyphen needs brackets, ${replacement}.`,
    data: { replacement },
  };
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
