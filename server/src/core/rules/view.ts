import type { ProxyEntryFact, ProxyFacts, RouteEntryFact, RoutesFacts, ServiceFact, ServicePortFact } from '../model/facts';
import type { Span } from '../types';
import { finish, pushTo, sameItems } from '../util';
import type { FileModel } from '../model/files';
import { environmentName } from '../model/environmentName';
import type { HashBehaviour } from './hostScope';
import { VariableScope } from './scope';

/**
 * Service and app names differ in the usual ways (pgadmin vs pgadmin4, argocd-server vs argocd, orders_api
 * vs orders-api, since Kubernetes names cannot hold `_`):
 * compare them without a trailing number or a conventional suffix.
 */
export function comparableName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('_', '-')
    .replace(/[-_.]?(svc|service|server|http|https|web|ui|nodeport)$/, '')
    .replace(/[-_.]?v?\d+$/, '');
}

export interface ProxyEntryAt {
  readonly file: FileModel;
  readonly entry: ProxyEntryFact;
}

export interface RouteEntryAt {
  readonly file: FileModel;
  readonly entry: RouteEntryFact;
}

export interface ServicePortAt {
  /** Where the node port is written: a manifest, or a Helm chart's values file. */
  readonly file: FileModel;
  readonly service: ServiceFact;
  readonly port?: ServicePortFact;
  /** The environment when it is not the file's: a chart's Service read through one environment's values. */
  readonly env?: string;
  /** For a Service of a Helm chart: the template's `nodePort:` line. */
  readonly template?: { readonly file: FileModel; readonly span: Span };
}

/** One environment's files, indexed for the rules and the editor features. */
export class EnvironmentView {
  readonly scope: VariableScope;
  readonly groups: Map<string, { file: FileModel; span: { start: number; end: number } }[]>;
  readonly inventories: FileModel[] = [];
  /**
   * What the variables and groups are read from: each defining file with its facts. A file model is kept
   * across versions of its text, but its facts are new objects whenever they are read again.
   */
  private readonly variableSources: unknown[] = [];
  /** Read when first asked: a warm start whose checks are all kept never reads the proxy and routes facts. */
  private entries: { proxyFiles: FileModel[]; routesFiles: FileModel[]; proxyEntries: ProxyEntryAt[]; routeEntries: RouteEntryAt[] } | undefined;

  /** The name users see; `id` is the environment's folder. */
  readonly name: string;

  /**
   * `previous` is the view of the same environment before a change: its variables and groups are kept when
   * the files defining them are the same, so that an edit of routes.yml leaves the scope (and everything
   * resolved through it) as it was.
   */
  constructor(
    readonly id: string,
    readonly files: readonly FileModel[],
    previous?: EnvironmentView,
    readonly hashBehaviour: HashBehaviour = 'replace',
  ) {
    this.name = environmentName(id);
    for (const file of files) {
      if (file.inventory || file.variables.length > 0 || file.encrypted) this.variableSources.push(file, file.variables, file.inventory);
      if (file.inventory) this.inventories.push(file);
    }
    const keep = previous !== undefined && previous.hashBehaviour === hashBehaviour && sameItems(previous.variableSources, this.variableSources);
    this.scope = keep ? previous.scope : new VariableScope(files, hashBehaviour, id);
    this.groups = keep ? previous.groups : new Map<string, { file: FileModel; span: { start: number; end: number } }[]>();
    if (!keep) for (const file of this.inventories) for (const group of file.inventory?.groups ?? []) pushTo(this.groups, group.name, { file, span: group.span });
  }

  get proxyFiles(): readonly FileModel[] {
    return this.entriesRead().proxyFiles;
  }

  get routesFiles(): readonly FileModel[] {
    return this.entriesRead().routesFiles;
  }

  get proxyEntries(): readonly ProxyEntryAt[] {
    return this.entriesRead().proxyEntries;
  }

  get routeEntries(): readonly RouteEntryAt[] {
    return this.entriesRead().routeEntries;
  }

  private entriesRead(): NonNullable<EnvironmentView['entries']> {
    if (this.entries) return this.entries;
    const read: NonNullable<EnvironmentView['entries']> = { proxyFiles: [], routesFiles: [], proxyEntries: [], routeEntries: [] };
    for (const file of this.files) {
      if (file.proxy) {
        read.proxyFiles.push(file);
        for (const at of entriesAt(file, file.proxy, proxyAts)) read.proxyEntries.push(at);
      }
      if (file.routes) {
        read.routesFiles.push(file);
        for (const at of entriesAt(file, file.routes, routeAts)) read.routeEntries.push(at);
      }
    }
    return (this.entries = read);
  }

  hasInventory(): boolean {
    return this.inventories.length > 0;
  }

  knowsGroup(name: string): boolean {
    return name === 'all' || name === 'ungrouped' || this.groups.has(name);
  }
}

/** The entries of one version of a file (its facts object), paired with the file once: views of later changes elsewhere reuse them. */
const proxyAts = new WeakMap<ProxyFacts, readonly ProxyEntryAt[]>();
const routeAts = new WeakMap<RoutesFacts, readonly RouteEntryAt[]>();

function entriesAt<F extends { readonly entries: readonly E[] }, E>(file: FileModel, facts: F, cache: WeakMap<F, readonly { file: FileModel; entry: E }[]>): readonly { file: FileModel; entry: E }[] {
  let ats = cache.get(facts);
  if (!ats) {
    ats = facts.entries.map((entry) => ({ file, entry }));
    cache.set(facts, ats);
  }
  return ats;
}

/** What changed among the Services since the last index: the files, and the node ports and names they had or have. */
export interface ServiceDelta {
  readonly files: ReadonlySet<FileModel>;
  readonly nodePorts: ReadonlySet<number>;
  /** Compared loosely (see comparableName). */
  readonly names: ReadonlySet<string>;
}

/** How many manifests the Service index reads between two steps. */
const STEP_FILES = 256;

/** Every Service port of the workspace, by nodePort and by name, with the environment each may belong to. */
export class ServiceIndex {
  readonly all: ServicePortAt[] = [];
  private byNodePort = new Map<number, ServicePortAt[]>();
  /** By name and by `app` label, compared loosely (see comparableName). */
  private byName = new Map<string, ServicePortAt[]>();
  private entriesByFile: Map<FileModel, ServicePortAt[]> | undefined;

  /** `derived`: Services not written as manifests (Helm charts'); an index with any is built whole. */
  constructor(files: readonly FileModel[], previous?: { index: ServiceIndex; delta: ServiceDelta }, readonly derived: readonly ServicePortAt[] = [], now = true) {
    if (now) finish(this.fill(files, previous));
  }

  /** The index built a step of a few hundred files at a time: a cold index reads thousands of manifests. */
  static *inSteps(files: readonly FileModel[], previous?: { index: ServiceIndex; delta: ServiceDelta }, derived: readonly ServicePortAt[] = []): Generator<undefined, ServiceIndex, undefined> {
    const index = new ServiceIndex(files, previous, derived, false);
    yield* index.fill(files, previous);
    return index;
  }

  private *fill(files: readonly FileModel[], previous: { index: ServiceIndex; delta: ServiceDelta } | undefined): Generator<undefined, void, undefined> {
    if (!previous || this.derived.length > 0 || previous.index.derived.length > 0) {
      for (const [count, file] of files.entries()) {
        this.add(file);
        if (count % STEP_FILES === STEP_FILES - 1) yield;
      }
      for (const at of this.derived) this.addAt(at);
      return;
    }
    // A keystroke in one manifest changes one file of thousands: the others' entries are kept, in file order,
    // and only the lists of the node ports and names the change touched are made again.
    const { index, delta } = previous;
    this.byNodePort = new Map(index.byNodePort);
    this.byName = new Map(index.byName);
    for (const port of delta.nodePorts) this.byNodePort.delete(port);
    for (const name of delta.names) this.byName.delete(name);
    for (const file of files) {
      if (delta.files.has(file)) this.add(file, true);
      else for (const at of index.entriesOf(file)) this.all.push(at);
    }
    for (const at of this.all) {
      const nodePort = at.port?.nodePort?.value;
      if (nodePort !== undefined && delta.nodePorts.has(nodePort)) pushTo(this.byNodePort, nodePort, at);
      for (const name of namesOf(at.service)) if (delta.names.has(name)) pushTo(this.byName, name, at);
    }
  }

  /** The first Service with this nodePort a chain of `env` may reach: one mapped to it or to no environment. */
  withNodePort(nodePort: number, env: string): ServicePortAt | undefined {
    // Looked up for every hop of every chain, and each port recurs in every environment: no list is made.
    for (const at of this.byNodePort.get(nodePort) ?? []) if (inEnvironment(at, env)) return at;
    return undefined;
  }

  /** Services whose name or `app` label matches an app name loosely. */
  named(app: string, env: string): ServicePortAt[] {
    return (this.byName.get(comparableName(app)) ?? []).filter((at) => inEnvironment(at, env));
  }

  private entriesOf(file: FileModel): readonly ServicePortAt[] {
    if (!this.entriesByFile) {
      this.entriesByFile = new Map();
      for (const at of this.all) pushTo(this.entriesByFile, at.file, at);
    }
    return this.entriesByFile.get(file) ?? [];
  }

  /** Adds a file's Service ports; with `onlyAll`, only to `all` (the delta's lists are made from it). */
  private add(file: FileModel, onlyAll = false): void {
    for (const service of file.services) {
      const ports = service.ports.length ? service.ports : [undefined];
      for (const port of ports) {
        const at: ServicePortAt = port ? { file, service, port } : { file, service };
        if (onlyAll) this.all.push(at);
        else this.addAt(at);
      }
    }
  }

  private addAt(at: ServicePortAt): void {
    this.all.push(at);
    if (at.port?.nodePort) pushTo(this.byNodePort, at.port.nodePort.value, at);
    for (const name of namesOf(at.service)) pushTo(this.byName, name, at);
  }
}

/** A Service's facts are kept while its file is unchanged, so its names are worked out once. */
const names = new WeakMap<ServiceFact, ReadonlySet<string>>();

/** The names a Service is found by, compared loosely: its own and its `app` label. */
export function namesOf(service: ServiceFact): ReadonlySet<string> {
  let found = names.get(service);
  if (!found) {
    found = new Set([service.name?.value, service.appLabel].filter((name): name is string => name !== undefined).map(comparableName));
    names.set(service, found);
  }
  return found;
}

/** Services are mapped to environments by name (`prod`) or by folder (`inventories/prod`). */
function inEnvironment(at: ServicePortAt, env: string): boolean {
  return reachableFrom(at.env ?? at.file.env, env);
}

/** Whether a chain of `env` may reach a Service of environment `own` (undefined: of none). */
export function reachableFrom(own: string | undefined, env: string): boolean {
  return own === undefined || own === env || own === environmentName(env);
}
