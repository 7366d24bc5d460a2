import type { Chain } from '../rules/chain';
import { EnvironmentCheck } from '../rules/environmentCheck';
import { checkServices } from '../rules/services';
import type { RawDiagnostic } from '../rules/sink';
import { EnvironmentView, ServiceIndex, type ServiceDelta } from '../rules/view';
import type { Settings } from '../settings';
import type { Diagnostic } from '../types';
import { Classifier, type FileKind } from './classify';
import { ComposedServices } from './composedServices';
import { documentsOf, forgetParsed } from './documents';
import { fileDiagnostics } from './shownDiagnostics';
import { completeModel, completePrepared, unchanged, type FileModel, type PreparedFileModel } from './fileModel';
import { modelOf, type FileDescriptor } from './prepare';
import { environmentMembers } from './playbookVars';
import { ServiceChanges } from './serviceChanges';
import { Published } from './published';
import { checkInputs, KeptChecks, keptDiagnostics, SERVICES, storedChecks, type LastRun } from './keptChecks';
import { recheck, type CheckResults, type InputsDigest, type StoredCheck } from './checkResults';
import { filterInSteps, finish } from '../util';
import { HeldChanges } from './heldChanges';
import type { FileContent } from '../model/files';
export type { FileContent };

/**
 * The index of one workspace folder: every file's model, the environments, and the diagnostics.
 * Updates are incremental: a change re-checks the environments the file belongs to, and reports
 * which files' diagnostics changed so that only those are re-published.
 */
export class Workspace {
  private classifier: Classifier;
  private readonly files = new Map<string, FileModel>();
  /** Cross-file diagnostics by the analysis that produced them (an environment, or the Services). */
  private readonly crossBySource = new Map<string, Map<string, RawDiagnostic[]>>();
  private readonly chainsByEnv = new Map<string, Chain[]>();
  /** Per environment, what the last check built, for the next check to reuse. */
  private readonly checks = new Map<string, EnvironmentCheck>();
  private readonly published = new Published();
  private services = new ServiceIndex([]);
  private readonly composed = new ComposedServices();
  private views = new Map<string, EnvironmentView>();
  private dirty = new Set<string>();
  /** Each environment's files (not Services), while no file was added, removed or moved to another environment. */
  private members: Map<string, FileModel[]> | undefined;
  /** Each playbook folder's vars (see playbookVars) and the environments they are read in. */
  private playbookServes = new Map<string, readonly string[]>();
  private readonly serviceChanges = new ServiceChanges();
  private readonly kept = new KeptChecks();
  private readonly held = new HeldChanges<FileModel>((path, model) => this.put(path, this.files.get(path), model));
  private revisionCount = 0;
  /** The environments the last commit checked again, for tests and benchmarks to tell what an edit cost. */
  lastRechecked: readonly string[] = [];

  constructor(
    readonly root: string,
    private settings: Settings,
  ) {
    this.classifier = new Classifier(settings);
  }

  /** The workspace-relative path, with forward slashes, or undefined outside the root. */
  relative(path: string): string | undefined {
    const root = this.root.endsWith('/') ? this.root : `${this.root}/`;
    return path.startsWith(root) ? path.slice(root.length) : undefined;
  }

  /** Whether a path is one the index cares about (before its content is known). */
  wants = (path: string): boolean => this.kindOf(path) !== undefined;

  /** Whether a file or folder is excluded by `files.exclude`; folders are tested as if they held a file. */
  isExcluded(path: string): boolean {
    const relative = this.relative(path);
    return relative !== undefined && (this.classifier.isExcluded(relative) || this.classifier.isExcluded(`${relative}/x`));
  }

  kindOf(path: string): FileKind | undefined {
    const relative = this.relative(path);
    return relative === undefined ? undefined : this.classifier.kindOf(relative);
  }

  /** Adds, changes (content given) or removes (undefined) one file, without re-checking yet. */
  stage(path: string, content: FileContent | undefined, rebuild = false): void {
    const previous = this.file(path);
    // Opening a file in the editor, or a watcher event without a change, must not re-check anything.
    if (!rebuild && content && content.skipReason === undefined && unchanged(previous, content.text)) return;
    const descriptor = content === undefined ? undefined : this.describe(path);
    const model = content === undefined || descriptor === undefined ? undefined : modelOf(descriptor, content, this.settings, previous);
    this.place(path, model && completeModel(model));
  }

  /**
   * Stages a model built elsewhere (a worker thread) by `prepareModel` from `describe(path)` and the same
   * settings; undefined when that gave none. The model has no parsed nodes: `documentsOf` parses them when asked.
   */
  stagePrepared(path: string, model: PreparedFileModel | undefined): void {
    if (model && !model.problems.some((problem) => problem.code === 'file-skipped') && unchanged(this.file(path), model.text)) return;
    this.place(path, model && completePrepared(model));
  }

  /** Staged while a check is between its steps: held until its end (see HeldChanges), shown on its own meanwhile. */
  private place(path: string, model: FileModel | undefined): void {
    if (!this.held.hold(path, model)) this.put(path, this.files.get(path), model);
  }

  /** Where a file stands for the index (kind, environment), or undefined when the index does not want it. */
  describe(path: string): FileDescriptor | undefined {
    const relativePath = this.relative(path);
    return relativePath === undefined ? undefined : this.classifier.describe(path, relativePath);
  }

  /**
   * Parses the file's documents now if its model has none (built by a worker); they are kept until its text
   * changes, and its next edit reuses its entries (see blocksAtHand).
   */
  parseDocuments(path: string): void {
    const file = this.files.get(path);
    if (file && !this.isParsed(path)) documentsOf(file);
  }

  /** Lets go of the nodes `parseDocuments` parsed for a model built by a worker, once no editor holds the file. */
  releaseParsed = (path: string): void => forgetParsed(this.files.get(path));

  /** Whether the file's model holds its parsed documents, as one built on this thread does. */
  isParsed(path: string): boolean {
    const file = this.files.get(path);
    // `blocks` first: on a model parsed entry by entry, reading `documents` moves every entry's nodes.
    return file !== undefined && (file.blocks !== undefined || file.documents !== undefined);
  }

  private put(path: string, previous: FileModel | undefined, model: FileModel | undefined): void {
    if (previous) this.markDirty(previous);
    if (previous?.kind === 'kubernetes' || model?.kind === 'kubernetes') {
      const held = model && previous && previous.kind === model.kind && previous.env === model.env ? previous : (model ?? previous);
      this.serviceChanges.note(held, previous?.kind === 'kubernetes' ? previous.services : [], model?.kind === 'kubernetes' ? model.services : []);
    }
    if (model && previous && previous.kind === model.kind && previous.env === model.env) {
      // The same object takes the new version: chains and diagnostics kept from the last check (see
      // EnvironmentCheck) point to it, and stay current without being copied. Both have every field (see
      // completeModel), so nothing of the old version is left behind.
      // Descriptors, not values: a model may read its documents lazily (see buildFileModel).
      Object.defineProperties(previous, Object.getOwnPropertyDescriptors(model));
      this.markDirty(previous);
    } else if (model) {
      this.files.set(path, model);
      this.markDirty(model);
      this.members = undefined;
    } else {
      this.files.delete(path);
      this.members = undefined;
    }
    this.dirty.add(`file:${path}`);
  }

  /** Re-checks what the staged changes touched; returns the paths whose diagnostics changed. */
  commit(): string[] {
    return finish(this.commitInSteps());
  }

  /** commit, a step at a time (the Services, then each environment): what is staged between steps waits for the next one. */
  *commitInSteps(): Generator<undefined, string[], undefined> {
    // A commit while another is between its steps (a setting changed): the other one is dropped, and done again
    // from scratch, as the Services' changes it took are lost.
    if (this.held.commitBegins()) this.serviceChanges.forget();
    // Files came or went: which environments playbook vars serve may have changed (see memberMap).
    this.memberMap();
    const dirty = this.dirty;
    this.dirty = new Set();
    let serviceDelta: ServiceDelta | undefined = this.serviceChanges.take();
    this.lastRechecked = [];
    if (dirty.size === 0) return [];
    this.revisionCount++;
    const touched = new Set<string>();
    for (const key of dirty) if (key.startsWith('file:')) touched.add(key.slice(5));
    let reached: ReadonlySet<string> | undefined;
    const offered = this.kept.take();
    const inputs = offered && this.kept.inputs(this.revisionCount, offered.digest, () => checkInputs(this.files.values(), this.memberMap(), this.settings, offered.digest));
    // Overlays are mapped to the environments that have files now (one emptied by this commit has none).
    const present = [...this.memberMap().keys()].sort();
    if (this.composed.staleFor(present)) dirty.add(SERVICES);
    if (dirty.has(SERVICES)) {
      const serviceFiles = [...this.files.values()].filter((file) => file.kind === 'kubernetes');
      const change = yield* this.held.during(() => this.composed.index(serviceFiles, present, this.services, serviceDelta, touched));
      if (!change) return this.dropped(dirty);
      ({ index: this.services, delta: serviceDelta, environments: reached } = change);
      const kept = offered && keptDiagnostics(offered.results, SERVICES, inputs?.(SERVICES), this.fileAt);
      const found: RawDiagnostic[] = [];
      if (!kept) checkServices(this.services, this.settings, (diagnostic) => found.push(diagnostic));
      recheck(this.crossBySource, SERVICES, touched, kept ?? found);
      yield;
    }
    const envs = new Set<string>();
    for (const key of dirty) if (key.startsWith('env:')) envs.add(key.slice(4));
    for (const env of dirty.has('env:*') || dirty.has(SERVICES) ? this.environmentNames() : []) {
      // An environment the changed Services cannot reach keeps its chains: they hold the Services that did not change.
      if (dirty.has('env:*') || !reached || reached.has(env)) envs.add(env);
      else this.checks.get(env)?.adopt(this.services);
    }
    envs.delete('*');
    this.lastRechecked = [...envs].sort();
    for (const env of envs) {
      const members = this.membersOf(env);
      if (members.length === 0) {
        this.kept.forget(env);
        this.views.delete(env);
        this.chainsByEnv.delete(env);
        this.checks.delete(env);
        recheck(this.crossBySource, `env:${env}`, touched, []);
        continue;
      }
      const view = new EnvironmentView(env, members, this.views.get(env), this.settings.ansible.hashBehaviour);
      this.views.set(env, view);
      this.kept.forget(env);
      const kept = offered && inputs && this.kept.keptFor(offered, inputs, view, this.services, this.settings, () => this.files.values(), this.fileAt);
      if (kept) {
        this.checks.delete(env);
        this.chainsByEnv.delete(env);
        recheck(this.crossBySource, `env:${env}`, touched, kept);
        continue;
      }
      if (!(yield* this.runCheck(env, view, touched, serviceDelta))) return this.dropped(dirty);
      yield;
    }
    return yield* filterInSteps(touched, (path) => this.published.set(path, this.computeDiagnostics(path)), 256);
  }
  update(path: string, content: FileContent | undefined): string[] {
    this.stage(path, content);
    return this.commit();
  }

  /** Takes new settings; `commitNow` false leaves what they change staged, for a commit in steps to check. */
  setSettings(settings: Settings, commitNow = true): string[] {
    // What the YAML extension reports only filters what the editor shows: nothing to re-check for it.
    const checked = (value: Settings): string => JSON.stringify({ ...value, yamlExtension: undefined });
    const unchanged = this.files.size > 0 && checked(settings) === checked(this.settings);
    this.settings = settings;
    if (unchanged) return [];
    this.classifier = new Classifier(settings);
    this.serviceChanges.forget();
    for (const file of [...this.files.values()]) this.stage(file.path, { text: file.text }, true);
    for (const path of this.published.paths()) this.dirty.add(`file:${path}`);
    for (const key of [SERVICES, 'env:*']) this.dirty.add(key);
    return commitNow ? this.commit() : [];
  }

  /** Whether something was staged that no commit has checked yet. */
  staged = (): boolean => this.dirty.size > 0 || this.held.size > 0;

  /** Grows with every commit that changed something, so views can tell whether to refresh. */
  get revision(): number {
    return this.revisionCount;
  }

  diagnostics(path: string): Diagnostic[] {
    return this.published.get(path);
  }

  /**
   * The diagnostics the file earns on its own (syntax, schema, a skipped file): what can be shown before the
   * rest of the workspace is indexed, when its cross-file checks would report every link as missing.
   */
  localDiagnostics(path: string): Diagnostic[] {
    return this.computeDiagnostics(path, false);
  }

  /** How many errors and warnings the workspace shows, kept as files are re-published (a status bar asks after every edit). */
  severityCounts(): { errors: number; warnings: number } {
    return this.published.counts();
  }

  /** Every file with at least one diagnostic. */
  allDiagnostics(): Map<string, Diagnostic[]> {
    return this.published.all();
  }

  /** The file's model, as last staged. */
  file(path: string): FileModel | undefined {
    return this.held.has(path) ? this.held.get(path) : this.files.get(path);
  }

  allFiles(): IterableIterator<FileModel> {
    return this.files.values();
  }

  get fileCount(): number {
    return this.files.size;
  }

  environmentNames(): string[] {
    // From the members, kept between changes to the set of files: completion asks on every request, and walking
    // 10,000 Service files each time cost more than the rest of the request.
    const names = new Set<string>(this.memberMap().keys());
    for (const name of this.views.keys()) names.add(name);
    return [...names].sort();
  }

  /** The environment a file is read in: its own, or for vars beside the playbooks the first one they serve. */
  environmentOf(file: FileModel): string | undefined {
    return file.env === undefined ? undefined : (this.playbookServes.get(file.env)?.[0] ?? file.env);
  }

  environment(name: string): EnvironmentView | undefined {
    return this.views.get(name);
  }

  chains(env?: string): Chain[] {
    for (const pending of env === undefined ? [...this.kept.pending.keys()] : [env]) this.link(pending);
    if (env !== undefined) return this.chainsByEnv.get(env) ?? [];
    return [...this.chainsByEnv.values()].flat();
  }

  /** How many chains an environment has, without linking them when its diagnostics were kept from the last run. */
  chainCount(env: string): number {
    return this.kept.pending.get(env) ?? this.chains(env).length;
  }

  /** Offers the next commit what the last run's checks found (see checkResults.ts, keptChecks.ts). */
  offerResults(results: CheckResults, digest: InputsDigest, last?: LastRun): void {
    this.kept.offer(results, digest, last);
  }

  /** What each check found, with the digest of its inputs, for the next run to offer. */
  checkResults(digest: InputsDigest): Record<string, StoredCheck> {
    const inputs = this.kept.inputs(this.revisionCount, digest, () => checkInputs(this.files.values(), this.memberMap(), this.settings, digest));
    return storedChecks(this.crossBySource, inputs, (env) => this.chainCount(env), (env) => this.kept.unitsOf(env, this.checks.get(env), this.views.get(env)));
  }

  /** Links one environment whose diagnostics were kept; false when none is left to link (idle work). */
  linkPending(): boolean {
    const [env] = this.kept.pending.keys();
    if (env !== undefined) this.link(env);
    return this.kept.pending.size > 0;
  }

  private link(env: string): void {
    const view = this.views.get(env);
    if (!this.kept.forget(env) || !view) return;
    // The same diagnostics as kept (their inputs are the same): nothing to publish again.
    finish(this.runCheck(env, view, new Set()));
  }

  /** A commit dropped between its steps: what it was to check is left for the next one, from scratch. */
  private dropped(dirty: ReadonlySet<string>): string[] {
    for (const key of dirty) this.dirty.add(key);
    this.serviceChanges.forget();
    return [];
  }

  /** Checks an environment a step at a time; false when another commit began between two steps. */
  private *runCheck(env: string, view: EnvironmentView, touched: Set<string>, serviceDelta?: ServiceDelta): Generator<undefined, boolean, undefined> {
    const check = this.checks.get(env) ?? new EnvironmentCheck();
    this.checks.set(env, check);
    const found: RawDiagnostic[] = [];
    const chains = yield* this.held.during(() => check.steps(view, this.services, this.settings, (diagnostic) => found.push(diagnostic), serviceDelta));
    if (chains === undefined) return false;
    this.chainsByEnv.set(env, chains);
    recheck(this.crossBySource, `env:${env}`, touched, found);
    return true;
  }

  private readonly fileAt = (path: string): FileModel | undefined => this.files.get(path);

  serviceIndex(): ServiceIndex {
    return this.services;
  }

  currentSettings(): Settings {
    return this.settings;
  }

  private membersOf(env: string): FileModel[] {
    return this.memberMap().get(env) ?? [];
  }

  /** The files of each environment, Service manifests aside; playbook-adjacent vars in each environment they serve. */
  private memberMap(): Map<string, FileModel[]> {
    if (!this.members) {
      const { members, served } = environmentMembers(this.files.values());
      // Which environments a playbook folder serves changes only as files come and go: re-check them all then.
      if (JSON.stringify([...served]) !== JSON.stringify([...this.playbookServes])) this.dirty.add('env:*');
      this.playbookServes = served;
      this.members = members;
    }
    return this.members;
  }

  private markDirty(model: FileModel): void {
    if (model.kind === 'kubernetes') this.dirty.add(SERVICES);
    else if (model.env !== undefined) {
      this.dirty.add(`env:${model.env}`);
      for (const env of this.playbookServes.get(model.env) ?? []) this.dirty.add(`env:${env}`);
    }
  }

  private computeDiagnostics(path: string, crossFile = true): Diagnostic[] {
    const file = crossFile ? this.files.get(path) : this.file(path);
    return file ? fileDiagnostics(file, crossFile ? this.crossBySource.values() : [], this.fileAt, this.composed.isPatch(file), this.settings.severity) : [];
  }
}
