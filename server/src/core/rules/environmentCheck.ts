import type { TemplateExpression } from '../jinja/template';
import type { PortRef, ProxyFacts, RouteEntryFact } from '../model/facts';
import type { Settings } from '../settings';
import { finish, sameItems } from '../util';
import type { FileModel } from '../model/files';
import { assemble, linkChains, linkingOf, linkRoute, type Chain, type Linking, type LinkVisitor, type PortValue } from './chain';
import { checkChain, proxyGroupProblem, routeGroupProblem, routeStreamProblems, targetGroupProblem, variableProblem, type RepeatedValues, type VariableProblem } from './environment';
import { environmentRules, STEP_ENTRIES } from './environmentRules';
import type { RawDiagnostic, Sink } from './sink';
import { comparableName, type EnvironmentView, type ProxyEntryAt, type RouteEntryAt, type ServiceDelta, type ServiceIndex } from './view';

/** One chain and its diagnostics, with what they were built from. */
export interface Unit {
  readonly route: RouteEntryAt | undefined;
  readonly proxy: ProxyEntryAt | undefined;
  readonly link: 'key' | 'port' | undefined;
  readonly routeLine: number;
  readonly proxyLine: number;
  readonly chain: Chain;
  readonly diagnostics: readonly RawDiagnostic[];
  /** The app's name as Services are found by it (see comparableName). */
  readonly comparable: string;
}

/** A diagnostic of the environment-wide rules with the entry or expression it is about (none: the HAProxy side, duplicates). */
interface Owned {
  readonly owner: object | undefined;
  readonly diagnostic: RawDiagnostic;
}

/** What one check saw and found, for the next check to patch. */
interface Result {
  readonly routeEntries: readonly RouteEntryAt[];
  readonly proxyEntries: readonly ProxyEntryAt[];
  /** The routes files, then the proxy files. */
  readonly files: readonly FileModel[];
  readonly lineCounts: readonly number[];
  readonly templates: readonly (readonly TemplateExpression[])[];
  readonly proxyFacts: readonly (ProxyFacts | undefined)[];
  readonly linking: Linking;
  readonly streams: ReadonlySet<string>;
  readonly repeated: RepeatedValues;
  /** The chains' units in the order a full check makes them. */
  readonly order: readonly Unit[];
  readonly owned: readonly Owned[];
}

/** Past this many changed entries, patching the last result is no cheaper than a full check. */
const MAX_PATCHED_ENTRIES = 16;

/** How many chains a check from scratch builds between two steps (a few milliseconds). */
const STEP_UNITS = 32;

/**
 * Checks one environment again and again as its files change. A chain is a function of its route and HAProxy
 * entries, how they are linked, and the rest of the environment (variables, Services, settings, groups),
 * which is compared as a whole: when any of it changes, every chain is rebuilt. Entries are compared by
 * identity: a file model keeps the fact objects of the entries whose text and offset did not change (see
 * blockFacts.ts), and the workspace keeps each path's model object across versions, so a kept chain points to
 * the current file.
 *
 * A keystroke in a routes or proxy file changes one entry of thousands. When the changed routes keep their app,
 * stream name and group, locations and HAProxy link, the changed HAProxy entries their app and port, and none
 * takes part in a duplicate, nothing the other entries are checked against has changed: the last result is
 * patched with the chains of the changed entries (and of the routes that reach a changed HAProxy entry) alone,
 * without walking the others. Otherwise every entry is walked again (reusing unchanged chains). Both give the
 * result of a check from scratch.
 */
export class EnvironmentCheck {
  private context: readonly unknown[] = [];
  private units = new Map<object, Unit>();
  private positions = new WeakMap<Unit, number>();
  private variables = new WeakMap<TemplateExpression, VariableProblem | null>();
  private last: Result | undefined;
  private services: ServiceIndex | undefined;

  /**
   * Runs every rule of the environment, emitting its diagnostics; returns the chains. `serviceDelta` says what
   * changed among the Services since the last run, when the caller knows: only the chains it may touch are
   * rebuilt.
   */
  run(view: EnvironmentView, services: ServiceIndex, settings: Settings, emit: Sink, serviceDelta?: ServiceDelta): Chain[] {
    return finish(this.steps(view, services, settings, emit, serviceDelta));
  }

  /**
   * run, a step at a time: a check from scratch walks thousands of entries (a few hundred milliseconds on a large
   * environment), and the caller serves an editor's messages between steps. The caller must not change the
   * environment's files meanwhile (see Workspace.stage), nor run the check otherwise.
   */
  *steps(view: EnvironmentView, services: ServiceIndex, settings: Settings, emit: Sink, serviceDelta?: ServiceDelta): Generator<undefined, Chain[], undefined> {
    const context = [view.id, view.name, view.scope, view.groups, settings, view.proxyFiles[0]?.relativePath, view.routesFiles[0]?.relativePath];
    const servicesChanged = services !== this.services;
    this.services = services;
    if (context.length !== this.context.length || context.some((item, index) => item !== this.context[index]) || (servicesChanged && !serviceDelta)) {
      this.context = context;
      this.units = new Map();
      this.variables = new WeakMap();
      this.last = undefined;
    }
    // The scope keeps each port's resolution for as long as it lives (see VariableScope.resolvePort).
    const portValue = (ref: PortRef, file: FileModel): number | string | undefined => view.scope.resolvePort(ref, file).value;
    let result: Result | undefined;
    if (this.last && servicesChanged && serviceDelta) {
      result = this.servicesPatch(this.last, view, services, settings, serviceDelta);
      // Units built on the old Services cannot be reused by a full check.
      if (!result) this.units = new Map();
    } else if (this.last) {
      result = this.patch(this.last, view, services, settings, portValue);
    }
    result ??= yield* this.full(view, services, settings, portValue);
    this.last = result;
    const chains: Chain[] = [];
    for (const unit of result.order) {
      chains.push(unit.chain);
      for (const diagnostic of unit.diagnostics) emit(diagnostic);
    }
    for (const { diagnostic } of result.owned) emit(diagnostic);
    return chains;
  }

  /**
   * Takes a new Service index that changed nothing this environment's chains reach (the workspace knows from
   * the delta): the next run compares with it, and keeps the chains.
   */
  adopt(services: ServiceIndex): void {
    this.services = services;
  }

  /** What the last run found, chain by chain and then the rest, for the next run to keep (see keptUnits.ts). */
  lastFound(): { readonly units: readonly Unit[]; readonly owned: readonly RawDiagnostic[] } | undefined {
    return this.last && { units: this.last.order, owned: this.last.owned.map((item) => item.diagnostic) };
  }

  private *full(view: EnvironmentView, services: ServiceIndex, settings: Settings, portValue: PortValue): Generator<undefined, Result, undefined> {
    // The ports linking resolves, resolved first a step at a time: resolving is most of linking's time.
    const refs = [...view.proxyEntries.map((at) => [at.entry.port, at.file] as const), ...view.routeEntries.filter((at) => at.entry.stream?.group?.value === settings.gatewayGroup).map((at) => [at.entry.stream?.port, at.file] as const)];
    for (const [index, [port, file]] of refs.entries()) {
      if (port) portValue(port, file);
      if (index % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
    }
    const linking = linkingOf(view, portValue);
    const previous = this.units;
    const links: Parameters<LinkVisitor>[] = [];
    linkChains(view, linking, settings, portValue, (...link) => links.push(link));
    yield;
    const next = new Map<object, Unit>();
    const order: Unit[] = [];
    for (const [app, route, proxy, link] of links) {
      const key: object | undefined = route?.entry ?? proxy?.entry;
      if (!key) continue;
      const unit = reuse(previous.get(key), route, proxy, link) ?? buildUnit(view, services, settings, app, route, proxy, link);
      next.set(key, unit);
      order.push(unit);
      if (order.length % STEP_UNITS === 0) yield;
    }
    yield;
    const owned: Owned[] = [];
    const { repeated, streams } = yield* environmentRules(view, portValue, this.variables, (owner) => (diagnostic) => owned.push({ owner, diagnostic }));
    // Kept only now: a check dropped between its steps (see Workspace.runCheck) leaves the last one's as they were.
    this.units = next;
    for (const [position, unit] of order.entries()) this.positions.set(unit, position);
    return { ...seen(view), linking, streams, repeated, order, owned };
  }

  /** The last result with the chains the changed Services may reach built again, when nothing else changed. */
  private servicesPatch(last: Result, view: EnvironmentView, services: ServiceIndex, settings: Settings, delta: ServiceDelta): Result | undefined {
    const now = seen(view);
    if (!sameItems(now.proxyFacts, last.proxyFacts) || !sameItems(now.files, last.files) || !sameItems(now.lineCounts, last.lineCounts) || !sameItems(now.templates, last.templates)) return undefined;
    const range = changedRange(last.routeEntries, now.routeEntries, (a, b) => a.entry === b.entry);
    if (last.routeEntries.length !== now.routeEntries.length || range.first !== range.end) return undefined;
    const order = last.order.map((unit, position) => {
      if (!reaches(unit, delta)) return unit;
      const rebuilt = buildUnit(view, services, settings, unit.chain.app, unit.route, unit.proxy, unit.link);
      this.positions.set(rebuilt, position);
      const key = unit.route?.entry ?? unit.proxy?.entry;
      if (key) this.units.set(key, rebuilt);
      return rebuilt;
    });
    return { ...last, ...now, order };
  }

  /**
   * The last result with the changed routes and HAProxy entries checked again, or undefined when more than they may
   * have changed. A changed HAProxy entry must keep its app and port (how routes find it) and share no port.
   */
  private patch(last: Result, view: EnvironmentView, services: ServiceIndex, settings: Settings, portValue: PortValue): Result | undefined {
    const now = seen(view);
    if (!sameItems(now.files, last.files) || !sameItems(now.lineCounts, last.lineCounts)) return undefined;
    const routes = changedPairs(last.routeEntries, now.routeEntries);
    const proxies = changedPairs(last.proxyEntries, now.proxyEntries);
    if (!routes || !proxies) return undefined;

    // The HAProxy side: the same keys and ports, now held by the new entries. By entry, not by pair: each view
    // pairs the entries of a changed file with its file anew, and units keep the pairs they were built with.
    const swapped = new Map<object, ProxyEntryAt>();
    let linking = last.linking;
    if (proxies.length > 0) {
      const proxyByKey = new Map(linking.proxyByKey);
      const proxyPorts = new Map(linking.proxyPorts);
      for (const [old, at] of proxies) {
        const port = at.entry.port ? portValue(at.entry.port, at.file) : undefined;
        if (old.entry.app !== at.entry.app || (old.entry.port ? portValue(old.entry.port, old.file) : undefined) !== port) return undefined;
        if (typeof port === 'number' && last.repeated.ports.has(port)) return undefined;
        swapped.set(old.entry, at);
        if (proxyByKey.get(at.entry.app)?.entry === old.entry) proxyByKey.set(at.entry.app, at);
        if (typeof port === 'number' && proxyPorts.get(port)?.entry === old.entry) proxyPorts.set(port, at);
      }
      linking = { proxyByKey, proxyPorts, routeApps: linking.routeApps };
    }

    const replaced = new Map<number, { oldKey: object; unit: Unit }>();
    for (const [old, route] of routes) {
      if (!sameRole(old.entry, route.entry, last.repeated)) return undefined;
      // Same app, group and HAProxy side: the route made a chain before if and only if it makes one now.
      const unit = this.units.get(old.entry);
      const position = unit && this.positions.get(unit);
      if (!unit || position === undefined) continue;
      const linked = linkRoute(route, linking, settings, portValue);
      const before = unit.proxy && (swapped.get(unit.proxy.entry) ?? unit.proxy);
      if (!linked || linked.proxy?.entry !== before?.entry || linked.link !== unit.link) return undefined;
      replaced.set(position, { oldKey: old.entry, unit: buildUnit(view, services, settings, route.entry.app, route, linked.proxy, linked.link) });
    }
    if (swapped.size > 0) {
      last.order.forEach((unit, position) => {
        const held = unit.proxy?.entry;
        const proxy = held && swapped.get(held);
        if (!held || !proxy || replaced.has(position)) return;
        replaced.set(position, { oldKey: unit.route?.entry ?? held, unit: buildUnit(view, services, settings, unit.chain.app, unit.route, proxy, unit.link) });
      });
    }

    const dropped = new Set<object>();
    for (const [old] of routes) dropped.add(old.entry);
    for (const [old] of proxies) dropped.add(old.entry);
    last.proxyFacts.forEach((facts, index) => {
      if (facts !== now.proxyFacts[index] && facts?.targetGroup) dropped.add(facts.targetGroup);
    });
    const added: { file: FileModel; expression: TemplateExpression }[] = [];
    now.files.forEach((file, index) => {
      const old = last.templates[index] ?? [];
      const current = file.templates;
      if (old === current) return;
      const range = changedRange(old, current, (a, b) => a === b);
      for (let at = range.first; at < old.length - (current.length - range.end); at++) {
        const expression = old[at];
        if (expression) dropped.add(expression);
      }
      for (let at = range.first; at < range.end; at++) {
        const expression = current[at];
        if (expression) added.push({ file, expression });
      }
    });

    const order = [...last.order];
    for (const [position, { oldKey, unit }] of replaced) {
      order[position] = unit;
      this.positions.set(unit, position);
      this.units.delete(oldKey);
      const key = unit.route?.entry ?? unit.proxy?.entry;
      if (key) this.units.set(key, unit);
    }
    const owned = last.owned.filter((item) => item.owner === undefined || !dropped.has(item.owner));
    const own = (owner: object | undefined): Sink => (diagnostic) => owned.push({ owner, diagnostic });
    for (const [, route] of routes) {
      routeGroupProblem(view, route, own(route.entry));
      routeStreamProblems(view, last.streams, route, own(route.entry));
    }
    for (const [, at] of proxies) proxyGroupProblem(view, at, own(at.entry));
    view.proxyFiles.forEach((file, index) => {
      if (file.proxy !== last.proxyFacts[index]) targetGroupProblem(view, file, own(file.proxy?.targetGroup));
    });
    for (const { file, expression } of added) variableProblem(view, this.variables, file, expression, own(expression));
    return { ...now, linking, streams: last.streams, repeated: last.repeated, order, owned };
  }
}

/**
 * The entries that differ between two lists of one environment, paired in order, when the lists have the same
 * length and differ in one short run; undefined otherwise (patching is then no cheaper than a full check).
 */
function changedPairs<T extends { readonly entry: object }>(before: readonly T[], after: readonly T[]): [T, T][] | undefined {
  if (before.length !== after.length) return undefined;
  const { first, end } = changedRange(before, after, (a, b) => a.entry === b.entry);
  if (end - first > MAX_PATCHED_ENTRIES) return undefined;
  const pairs: [T, T][] = [];
  for (let index = first; index < end; index++) {
    const old = before[index];
    const current = after[index];
    if (!old || !current) return undefined;
    pairs.push([old, current]);
  }
  return pairs;
}

function seen(view: EnvironmentView): Pick<Result, 'routeEntries' | 'proxyEntries' | 'files' | 'lineCounts' | 'templates' | 'proxyFacts'> {
  const files = [...view.routesFiles, ...view.proxyFiles];
  return {
    routeEntries: view.routeEntries,
    proxyEntries: view.proxyEntries,
    files,
    lineCounts: files.map((file) => file.lines.lineCount),
    templates: files.map((file) => file.templates),
    proxyFacts: view.proxyFiles.map((file) => file.proxy),
  };
}

/**
 * Whether a changed route still plays the same part for the others: the same app (chains are per app, the
 * first route of an app wins), stream name (streams others send to), group (whether it makes a chain), and
 * locations, none of them shared with another route (duplicates quote both places).
 */
function sameRole(a: RouteEntryFact, b: RouteEntryFact, repeated: RepeatedValues): boolean {
  if (a.app !== b.app || a.stream?.group?.value !== b.stream?.group?.value) return false;
  const name = a.stream?.name?.value;
  if (name !== b.stream?.name?.value || (name !== undefined && repeated.streams.has(name))) return false;
  if (a.locations.length !== b.locations.length) return false;
  for (let index = 0; index < a.locations.length; index++) {
    const value = a.locations[index]?.value;
    if (value === undefined || value !== b.locations[index]?.value || repeated.locations.has(value)) return false;
  }
  return true;
}

/** The range [first, end) of `after` that differs from `before`, the rest being the same items at both ends. */
function changedRange<T>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean): { first: number; end: number } {
  let first = 0;
  const shortest = Math.min(before.length, after.length);
  while (first < shortest && same(before[first] as T, after[first] as T)) first++;
  let tail = 0;
  while (tail < shortest - first && same(before[before.length - 1 - tail] as T, after[after.length - 1 - tail] as T)) tail++;
  return { first, end: after.length - tail };
}

export function buildUnit(
  view: EnvironmentView,
  services: ServiceIndex,
  settings: Settings,
  app: string,
  route: RouteEntryAt | undefined,
  proxy: ProxyEntryAt | undefined,
  link: 'key' | 'port' | undefined,
): Unit {
  const chain = assemble(view, services, app, route, proxy, link);
  const diagnostics: RawDiagnostic[] = [];
  checkChain(view, chain, settings, (diagnostic) => diagnostics.push(diagnostic));
  return { route, proxy, link, routeLine: lineOf(route), proxyLine: lineOf(proxy), chain, diagnostics, comparable: comparableName(app) };
}

/**
 * Whether a change of Services may change a chain: the Service it reaches changed, or a changed Service had or
 * has a node port one of its hops uses (Services are found by node port first), or the app's name.
 */
function reaches(unit: Unit, delta: ServiceDelta): boolean {
  const chain = unit.chain;
  if (chain.service && delta.files.has(chain.service.file)) return true;
  for (const hop of chain.hops) if (hop.value !== undefined && delta.nodePorts.has(hop.value)) return true;
  return delta.names.has(unit.comparable);
}

/**
 * The unit again when it was built from the same entries, linked the same way, and the entries are still on
 * the same lines (messages quote them, as `routes.yml:120`). An entry object is kept only while its text and
 * offset are unchanged, but an edit before it may still have traded characters for line breaks.
 */
function reuse(unit: Unit | undefined, route: RouteEntryAt | undefined, proxy: ProxyEntryAt | undefined, link: 'key' | 'port' | undefined): Unit | undefined {
  if (!unit || unit.link !== link || unit.route?.entry !== route?.entry || unit.proxy?.entry !== proxy?.entry) return undefined;
  if (unit.routeLine !== lineOf(route) || unit.proxyLine !== lineOf(proxy)) return undefined;
  return unit;
}

/** The line of an entry's key, -1 for none. */
export function lineOf(at: RouteEntryAt | ProxyEntryAt | undefined): number {
  return at ? at.file.lines.lineAt(at.entry.keySpan.start) : -1;
}
