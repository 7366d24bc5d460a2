import type { FileModel } from '../model/files';
import { linkChains, linkingOf, type PortValue } from '../rules/chain';
import { buildUnit } from '../rules/environmentCheck';
import { environmentRules } from '../rules/environmentRules';
import type { RawDiagnostic } from '../rules/sink';
import { comparableName, reachableFrom, type EnvironmentView, type ProxyEntryAt, type RouteEntryAt, type ServiceIndex } from '../rules/view';
import type { Settings } from '../settings';
import { finish } from '../util';
import { rawDiagnostics, storedDiagnostic } from './checkResults';
import { ServiceChanges } from './serviceChanges';
import { entriesFilesPlain, LINKS, placeOf, portsOf, readStoredUnits, rewrittenUnits, Services, unitRecord, writtenUnits, type StoredUnit, type UnitRecord } from './keptUnits';

/** What the run that kept the units read, as far as a warm start can tell. */
export interface LastRun {
  /** Whether a file's content is the one that run read. */
  readonly unchanged: (file: FileModel) => boolean;
  /**
   * The entries a changed file had then, when its model was built now from the entries kept of that version (see
   * keptEntries.ts): the entries whose text did not change are the same objects in both, moved or not.
   */
  readonly entriesBefore: (file: FileModel) => readonly object[] | undefined;
}

/** What an environment finds with its kept units, and the units to keep for the next run. */
export interface Patched {
  readonly diagnostics: RawDiagnostic[];
  readonly units: string | undefined;
  readonly chains: number;
}

/** The manifests an environment may reach whose content is not the one the last run read (added ones included). */
export function changedManifests(files: Iterable<FileModel>, env: string, last: LastRun): FileModel[] {
  const changed: FileModel[] = [];
  // The environment first: thousands of manifests, most of another environment under serviceEnvironments.
  for (const file of files) if (file.kind === 'kubernetes' && reachableFrom(file.env, env) && !last.unchanged(file)) changed.push(file);
  return changed;
}

/**
 * Whether a changed Service may reach a kept chain: its own Service's file changed, went, or is no longer a
 * manifest; or a changed or added Service the environment may reach (`changed`) has a node port a hop holds (looked
 * up first) or its app's name (looked up last). Any other Service was found by no lookup of the chain before and is
 * not now (a Service found by several lookups is always the first the index holds). Undefined when too many changed
 * to be worth it.
 */
function serviceReach(changed: readonly FileModel[], fileAt: (path: string) => FileModel | undefined, last: LastRun): ((unit: StoredUnit, services: readonly string[]) => boolean) | undefined {
  // What an editor's edits of these manifests would make of them (undefined past too many: check it whole).
  const changes = new ServiceChanges();
  for (const file of changed) changes.note(file, [], file.services);
  const delta = changes.take();
  if (!delta) return undefined;
  return ([app, , , , service, ports], services) => {
    const path = service < 0 ? undefined : services[service];
    const file = path === undefined ? undefined : fileAt(path);
    if (path !== undefined && (!file || !last.unchanged(file))) return true;
    // No manifest changed (only routes or HAProxy files did): nothing to look up, for each of thousands of chains.
    return (delta.nodePorts.size > 0 && ports.some((port) => delta.nodePorts.has(port))) || (delta.names.size > 0 && delta.names.has(comparableName(app)));
  };
}

/**
 * An environment whose own files are as they were, after some Service files changed (`changed`: the changed or
 * added manifests it may reach; a removed one is missing from `fileAt`): the kept units, with the ones a changed
 * Service may reach built again. Undefined when the kept units do not fit the view or cannot be read: it is checked
 * whole.
 */
export function patchedUnits(text: string, view: EnvironmentView, services: ServiceIndex, settings: Settings, changed: readonly FileModel[], fileAt: (path: string) => FileModel | undefined, last: LastRun): Patched | undefined {
  const stored = readStoredUnits(text);
  const reaches = stored && serviceReach(changed, fileAt, last);
  if (!stored || !reaches) return undefined;
  const table = new Services(stored.services);
  const diagnostics: RawDiagnostic[] = [];
  const units: StoredUnit[] = [];
  for (const unit of stored.units) {
    const [app, routeIndex, proxyIndex, link] = unit;
    if (!reaches(unit, stored.services)) {
      const kept = rawDiagnostics(unit[6], fileAt);
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
    units.push([app, routeIndex, proxyIndex, link, table.indexOf(built.chain.service?.file.path), portsOf(built.chain), built.diagnostics.map(storedDiagnostic), unit[7], unit[8], unit[9], unit[10]]);
  }
  const owned = rawDiagnostics(stored.owned, fileAt);
  if (!owned) return undefined;
  diagnostics.push(...owned);
  return { diagnostics, units: rewrittenUnits(stored, units, table.paths), chains: stored.units.length };
}

/**
 * An environment whose routes or HAProxy files changed (and maybe Services), its other files being as they were:
 * its entries are linked again and its environment-wide rules run again, but a chain built from the same entries,
 * at the same places, linked the same way and reached by no changed Service takes what it found last time. The
 * entries are told the same by identity: a file as it was has the same entries, one built from its kept entries the
 * same objects for the entries whose text did not change (see LastRun.entriesBefore), and the offset and line of
 * each entry's key are compared. Undefined when the kept units do not fit: it is checked whole.
 */
export function relinkedUnits(text: string, view: EnvironmentView, services: ServiceIndex, settings: Settings, changed: readonly FileModel[], fileAt: (path: string) => FileModel | undefined, last: LastRun): Patched | undefined {
  const stored = readStoredUnits(text);
  const reaches = stored && serviceReach(changed, fileAt, last);
  const files = [...view.routesFiles, ...view.proxyFiles];
  // Variables of the entries' files would make the variables another set: every port may then resolve otherwise.
  if (!stored || !reaches || !stored.plain || !entriesFilesPlain(view) || files.length !== stored.files.length) return undefined;
  if (files.some((file, index) => file.path !== stored.files[index])) return undefined;
  const before = new Map<object, number>();
  let offset = 0;
  files.forEach((file, index) => {
    if (index === view.routesFiles.length) offset = 0;
    const count = stored.counts[index] ?? 0;
    const now = index < view.routesFiles.length ? file.routes?.entries : file.proxy?.entries;
    const then = last.unchanged(file) ? now : last.entriesBefore(file);
    if (then?.length === count) then.forEach((entry, at) => before.set(entry, offset + at));
    offset += count;
  });
  const kept = new Map<string, StoredUnit>();
  for (const unit of stored.units) kept.set(`${unit[1]} ${unit[2]} ${unit[3]} ${unit[0]}`, unit);
  const portValue: PortValue = (ref, file) => view.scope.resolvePort(ref, file).value;
  const links: [string, RouteEntryAt | undefined, ProxyEntryAt | undefined, 'key' | 'port' | undefined][] = [];
  linkChains(view, linkingOf(view, portValue), settings, portValue, (...link) => links.push(link));
  const diagnostics: RawDiagnostic[] = [];
  const records: UnitRecord[] = [];
  for (const [app, route, proxy, link] of links) {
    const routeBefore = route ? before.get(route.entry) : -1;
    const proxyBefore = proxy ? before.get(proxy.entry) : -1;
    const unit = routeBefore === undefined || proxyBefore === undefined ? undefined : kept.get(`${routeBefore} ${proxyBefore} ${LINKS.indexOf(link)} ${app}`);
    const [routeAt, routeLine] = placeOf(route);
    const [proxyAt, proxyLine] = placeOf(proxy);
    if (unit && unit[7] === routeAt && unit[8] === routeLine && unit[9] === proxyAt && unit[10] === proxyLine && !reaches(unit, stored.services)) {
      const found = rawDiagnostics(unit[6], fileAt);
      if (!found) return undefined;
      diagnostics.push(...found);
      records.push({ app, route, proxy, link, service: unit[4] < 0 ? undefined : stored.services[unit[4]], ports: unit[5], diagnostics: unit[6] });
      continue;
    }
    const built = buildUnit(view, services, settings, app, route, proxy, link);
    diagnostics.push(...built.diagnostics);
    records.push(unitRecord(built));
  }
  const owned: RawDiagnostic[] = [];
  finish(environmentRules(view, portValue, new WeakMap(), () => (diagnostic) => owned.push(diagnostic)));
  diagnostics.push(...owned);
  return { diagnostics, units: writtenUnits(view, records, owned.map(storedDiagnostic)), chains: links.length };
}
