import type { FileModel } from '../model/files';
import type { Chain } from '../rules/chain';
import { lineOf, type Unit } from '../rules/environmentCheck';
import type { RawDiagnostic } from '../rules/sink';
import type { EnvironmentView, ProxyEntryAt, RouteEntryAt } from '../rules/view';
import { isRecord } from '../util';
import { isStoredDiagnostic, storedDiagnostic, type StoredDiagnostic } from './checkResults';

// A warm start with one file changed checked its whole environment again: 0.2 s of a large environment's 2,000
// chains, for the one or two the change may reach. What each chain found is kept with the environment's results,
// with what it was built from (its entries, where they were) and what it reached (its Service, its ports), so that
// the next run builds again only the chains a change may reach (see unitsPatch.ts), as an editor's keystroke does.

/**
 * One chain: its app, its route's and HAProxy entry's places among the environment's entries (-1: none), how they
 * are linked (0: not, 1: by key, 2: by port), its Service's file among `services` (-1: none), every port its hops
 * hold, what it found, and where its entries' keys were (offset and line; -1: none).
 */
export type StoredUnit = [
  app: string,
  route: number,
  proxy: number,
  link: 0 | 1 | 2,
  service: number,
  ports: number[],
  diagnostics: StoredDiagnostic[],
  routeAt: number,
  routeLine: number,
  proxyAt: number,
  proxyLine: number,
];

export interface StoredUnits {
  /** The environment's routes files, then its HAProxy files, and how many entries each had. */
  readonly files: string[];
  readonly counts: number[];
  /** Whether those files defined nothing the variables are read from (see entriesFilesPlain). */
  readonly plain: boolean;
  /** What the paths of `services` begin with, written once (a Service folder's path, 40 % of the units' bytes). */
  readonly base: string;
  readonly services: string[];
  readonly units: StoredUnit[];
  /** What the environment-wide rules found (duplicates, groups, streams, variables). */
  readonly owned: StoredDiagnostic[];
}

export const LINKS = [undefined, 'key', 'port'] as const;

/** One chain to keep, built now or kept, with the entries of the view it was built from. */
export interface UnitRecord {
  readonly app: string;
  readonly route: RouteEntryAt | undefined;
  readonly proxy: ProxyEntryAt | undefined;
  readonly link: 'key' | 'port' | undefined;
  readonly service: string | undefined;
  readonly ports: readonly number[];
  readonly diagnostics: readonly StoredDiagnostic[];
}

/** A chain built now, to keep. */
export function unitRecord(unit: Pick<Unit, 'route' | 'proxy' | 'link' | 'chain' | 'diagnostics'>): UnitRecord {
  const { route, proxy, link, chain } = unit;
  return { app: chain.app, route, proxy, link, service: chain.service?.file.path, ports: portsOf(chain), diagnostics: unit.diagnostics.map(storedDiagnostic) };
}

/** The units of a check as the results keep them; undefined when one's entry is no longer the view's. */
export function storedUnits(found: { readonly units: readonly Unit[]; readonly owned: readonly RawDiagnostic[] }, view: EnvironmentView): string | undefined {
  return writtenUnits(view, found.units.map(unitRecord), found.owned.map(storedDiagnostic));
}

/** The records written against the view's entries; undefined when one's entry is no longer the view's. */
export function writtenUnits(view: EnvironmentView, records: readonly UnitRecord[], owned: StoredDiagnostic[]): string | undefined {
  const routes = new Map<object, number>();
  view.routeEntries.forEach((at, index) => routes.set(at.entry, index));
  const proxies = new Map<object, number>();
  view.proxyEntries.forEach((at, index) => proxies.set(at.entry, index));
  const services = new Services();
  const units: StoredUnit[] = [];
  for (const record of records) {
    const route = record.route ? routes.get(record.route.entry) : -1;
    const proxy = record.proxy ? proxies.get(record.proxy.entry) : -1;
    if (route === undefined || proxy === undefined) return undefined;
    const link = record.link === 'key' ? 1 : record.link === 'port' ? 2 : 0;
    const [routeAt, routeLine] = placeOf(record.route);
    const [proxyAt, proxyLine] = placeOf(record.proxy);
    units.push([record.app, route, proxy, link, services.indexOf(record.service), [...record.ports], [...record.diagnostics], routeAt, routeLine, proxyAt, proxyLine]);
  }
  const files = [...view.routesFiles, ...view.proxyFiles];
  const counts = [...view.routesFiles.map((file) => file.routes?.entries.length ?? 0), ...view.proxyFiles.map((file) => file.proxy?.entries.length ?? 0)];
  return written({ files: files.map((file) => file.path), counts, plain: entriesFilesPlain(view), base: '', services: services.paths, units, owned });
}

/**
 * Whether the environment's routes and HAProxy files define nothing its variables or groups are read from: its
 * variables then come from its other files alone (see unitsPatch.ts).
 */
export function entriesFilesPlain(view: EnvironmentView): boolean {
  const entriesFile = (file: FileModel): boolean => file.kind === 'routes' || file.kind === 'proxy' || file.routes !== undefined || file.proxy !== undefined;
  return view.files.every((file) => !entriesFile(file) || (file.variables.length === 0 && !file.inventory && !file.encrypted));
}

/** Kept units written again, with some changed (see unitsPatch.ts): their Service paths are the table's as read. */
export function rewrittenUnits(stored: StoredUnits, units: StoredUnit[], services: string[]): string {
  return written({ ...stored, base: '', services, units });
}

/** Where an entry's key is: its offset and its line (-1, -1 for none). */
export function placeOf(at: RouteEntryAt | ProxyEntryAt | undefined): [number, number] {
  return [at ? at.entry.keySpan.start : -1, lineOf(at)];
}

/** Each port a chain's hops hold, once (its hops mostly agree). */
export function portsOf(chain: Chain): number[] {
  const ports: number[] = [];
  for (const hop of chain.hops) if (hop.value !== undefined && !ports.includes(hop.value)) ports.push(hop.value);
  return ports;
}

/** A table of Service paths, each once. */
export class Services {
  readonly paths: string[];
  private readonly at = new Map<string, number>();

  constructor(paths: readonly string[] = []) {
    this.paths = [...paths];
    this.paths.forEach((path, index) => this.at.set(path, index));
  }

  indexOf(path: string | undefined): number {
    if (path === undefined) return -1;
    let index = this.at.get(path);
    if (index === undefined) {
      index = this.paths.push(path) - 1;
      this.at.set(path, index);
    }
    return index;
  }
}

function written(stored: StoredUnits): string {
  const services = stored.services;
  let base = services[0] ?? '';
  for (const path of services) while (!path.startsWith(base)) base = base.slice(0, -1);
  return JSON.stringify({ ...stored, base, services: services.map((path) => path.slice(base.length)) });
}

/** The kept units with their Service paths whole, if they have the shape written: anything else is not trusted. */
export function readStoredUnits(text: string): StoredUnits | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { files, counts, plain, base, services, units, owned } = value;
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  const integers = (list: unknown): list is number[] => Array.isArray(list) && list.every((item) => Number.isInteger(item));
  if (!strings(files) || !integers(counts) || counts.length !== files.length || typeof plain !== 'boolean' || typeof base !== 'string' || !strings(services)) return undefined;
  if (!Array.isArray(owned) || !owned.every(isStoredDiagnostic) || !Array.isArray(units)) return undefined;
  const index = (at: unknown, length = Number.MAX_SAFE_INTEGER): boolean => Number.isInteger(at) && (at as number) >= -1 && (at as number) < length;
  const valid = units.every(
    (unit: unknown) =>
      Array.isArray(unit) &&
      unit.length === 11 &&
      typeof unit[0] === 'string' &&
      index(unit[1]) &&
      index(unit[2]) &&
      (unit[3] === 0 || unit[3] === 1 || unit[3] === 2) &&
      index(unit[4], services.length) &&
      integers(unit[5]) &&
      Array.isArray(unit[6]) &&
      unit[6].every(isStoredDiagnostic) &&
      unit.slice(7).every((place) => index(place)),
  );
  return valid ? { files, counts, plain, base, services: services.map((path) => base + path), units: units as StoredUnit[], owned } : undefined;
}

