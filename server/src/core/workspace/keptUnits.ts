import type { FileModel } from '../model/files';
import type { Chain } from '../rules/chain';
import { buildUnit, type Unit } from '../rules/environmentCheck';
import type { RawDiagnostic } from '../rules/sink';
import { comparableName, namesOf, reachableFrom, type EnvironmentView, type ServiceIndex } from '../rules/view';
import type { Settings } from '../settings';
import { isRecord } from '../util';
import { isStoredDiagnostic, rawDiagnostics, storedDiagnostic, type StoredDiagnostic } from './checkResults';

// A warm start with one Service file changed checked its whole environment again, as if any chain might reach it:
// 0.2 s of a large environment's 2,000 chains, for the one or two that do. What each chain found is kept with the
// environment's results, with what it reached (its ports, its Service), so that the next run builds again only the
// chains a changed Service may reach, as an editor's keystroke in a manifest does (see ServiceDelta).

/**
 * One chain: its app, its route's and HAProxy entry's places among the environment's entries (-1: none), how they
 * are linked (0: not, 1: by key, 2: by port), its Service's file among `services` (-1: none), every port its hops
 * hold, and what it found.
 */
type StoredUnit = [app: string, route: number, proxy: number, link: 0 | 1 | 2, service: number, ports: number[], diagnostics: StoredDiagnostic[]];

interface StoredUnits {
  /** What the paths of `services` begin with, written once (a Service folder's path, 40 % of the units' bytes). */
  readonly base: string;
  readonly services: string[];
  readonly units: StoredUnit[];
  /** What the environment-wide rules found (duplicates, groups, streams, variables): Services change none of it. */
  readonly owned: StoredDiagnostic[];
}

const LINKS = [undefined, 'key', 'port'] as const;

/** Past this many changed Service files an environment may reach, its check is run whole. */
const MAX_CHANGED_SERVICES = 64;

/** The units of a check as the results keep them; undefined when one's entry is no longer the view's. */
export function storedUnits(found: { readonly units: readonly Unit[]; readonly owned: readonly RawDiagnostic[] }, view: EnvironmentView): string | undefined {
  const routes = new Map<object, number>();
  view.routeEntries.forEach((at, index) => routes.set(at.entry, index));
  const proxies = new Map<object, number>();
  view.proxyEntries.forEach((at, index) => proxies.set(at.entry, index));
  const services: string[] = [];
  const serviceAt = new Map<string, number>();
  const units: StoredUnit[] = [];
  for (const unit of found.units) {
    const route = unit.route ? routes.get(unit.route.entry) : -1;
    const proxy = unit.proxy ? proxies.get(unit.proxy.entry) : -1;
    if (route === undefined || proxy === undefined) return undefined;
    const path = unit.chain.service?.file.path;
    let service = -1;
    if (path !== undefined) {
      service = serviceAt.get(path) ?? services.length;
      if (service === services.length) {
        services.push(path);
        serviceAt.set(path, service);
      }
    }
    units.push([unit.chain.app, route, proxy, unit.link === 'key' ? 1 : unit.link === 'port' ? 2 : 0, service, portsOf(unit.chain), unit.diagnostics.map(storedDiagnostic)]);
  }
  return written(services, units, found.owned.map(storedDiagnostic));
}

/** Each port a chain's hops hold, once (its hops mostly agree). */
function portsOf(chain: Chain): number[] {
  const ports: number[] = [];
  for (const hop of chain.hops) if (hop.value !== undefined && !ports.includes(hop.value)) ports.push(hop.value);
  return ports;
}

function written(services: readonly string[], units: StoredUnit[], owned: StoredDiagnostic[]): string {
  let base = services[0] ?? '';
  for (const path of services) while (!path.startsWith(base)) base = base.slice(0, -1);
  const stored: StoredUnits = { base, services: services.map((path) => path.slice(base.length)), units, owned };
  return JSON.stringify(stored);
}

/**
 * What an environment whose own files are as they were finds now that some Service files changed (`changed`: those
 * it may reach, added ones included; a removed one is missing from `fileAt`): the kept units, with the ones a
 * changed Service may reach built again, and the rest as kept. Undefined when the kept units do not fit the view or
 * cannot be read: the environment is then checked whole.
 */
export function patchedUnits(
  text: string,
  view: EnvironmentView,
  services: ServiceIndex,
  settings: Settings,
  changed: readonly FileModel[],
  fileAt: (path: string) => FileModel | undefined,
  unchanged: (file: FileModel) => boolean,
): { readonly diagnostics: RawDiagnostic[]; readonly units: string } | undefined {
  const stored = readStoredUnits(text);
  const reachable = changed.filter((file) => reachableFrom(file.env, view.id));
  if (!stored || reachable.length > MAX_CHANGED_SERVICES) return undefined;
  const nodePorts = new Set<number>();
  const names = new Set<string>();
  for (const file of reachable) {
    for (const service of file.services) {
      for (const port of service.ports) if (port.nodePort) nodePorts.add(port.nodePort.value);
      for (const name of namesOf(service)) names.add(name);
    }
  }
  const diagnostics: RawDiagnostic[] = [];
  const units: StoredUnit[] = [];
  const servicePaths = stored.services.map((path) => stored.base + path);
  for (const unit of stored.units) {
    const [app, routeIndex, proxyIndex, link, serviceIndex, ports, found] = unit;
    const servicePath = serviceIndex < 0 ? undefined : servicePaths[serviceIndex];
    // The changed Services that may reach a chain: its own (changed, gone, or no longer a manifest), one with a node port a hop holds
    // (looked up first), one of its app's name (looked up last). Any other one was found by no lookup before and is
    // not now (a Service found by several is always the first the index holds).
    const serviceFile = servicePath === undefined ? undefined : fileAt(servicePath);
    const reached = (servicePath !== undefined && (!serviceFile || !unchanged(serviceFile))) || ports.some((port) => nodePorts.has(port)) || names.has(comparableName(app));
    if (!reached) {
      const kept = rawDiagnostics(found, fileAt);
      if (!kept) return undefined;
      diagnostics.push(...kept);
      units.push(unit);
      continue;
    }
    const route = routeIndex < 0 ? undefined : view.routeEntries[routeIndex];
    const proxy = proxyIndex < 0 ? undefined : view.proxyEntries[proxyIndex];
    if ((routeIndex >= 0 && route?.entry.app !== app) || (proxyIndex >= 0 && !proxy) || (!route && proxy?.entry.app !== app)) return undefined;
    const built = buildUnit(view, services, settings, app, route, proxy, LINKS[link]);
    diagnostics.push(...built.diagnostics);
    const path = built.chain.service?.file.path;
    let service = path === undefined ? -1 : servicePaths.indexOf(path);
    if (path !== undefined && service < 0) service = servicePaths.push(path) - 1;
    units.push([app, routeIndex, proxyIndex, link, service, portsOf(built.chain), built.diagnostics.map(storedDiagnostic)]);
  }
  const owned = rawDiagnostics(stored.owned, fileAt);
  if (!owned) return undefined;
  diagnostics.push(...owned);
  return { diagnostics, units: written(servicePaths, units, stored.owned) };
}

/** The kept units, if they have the shape written: anything else is not trusted. */
function readStoredUnits(text: string): StoredUnits | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { base, services, units, owned } = value;
  if (typeof base !== 'string' || !Array.isArray(services) || !services.every((path) => typeof path === 'string')) return undefined;
  if (!Array.isArray(owned) || !owned.every(isStoredDiagnostic) || !Array.isArray(units)) return undefined;
  const index = (at: unknown, length: number): boolean => Number.isInteger(at) && (at as number) >= -1 && (at as number) < length;
  const valid = units.every(
    (unit: unknown) =>
      Array.isArray(unit) &&
      unit.length === 7 &&
      typeof unit[0] === 'string' &&
      index(unit[1], Number.MAX_SAFE_INTEGER) &&
      index(unit[2], Number.MAX_SAFE_INTEGER) &&
      (unit[3] === 0 || unit[3] === 1 || unit[3] === 2) &&
      index(unit[4], services.length) &&
      Array.isArray(unit[5]) &&
      unit[5].every((port: unknown) => Number.isInteger(port)) &&
      Array.isArray(unit[6]) &&
      unit[6].every(isStoredDiagnostic),
  );
  return valid ? { base, services, units: units as StoredUnit[], owned } : undefined;
}
