import type { Settings } from '../core/settings';
import type { Workspace } from '../core/workspace/workspace';
import type { FileDescriptor } from '../core/workspace/prepare';
import { discover, discoverInSteps } from '../node/discover';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { prepareModelsCached } from '../node/cachedModels';
import { cacheKey, ModelCache } from '../node/modelCache';
import { parallelThreshold } from '../node/parallelModels';
import { readUnder } from '../node/readText';
import { startReader, type ReadAhead } from '../node/readAhead';
import { hintsFile } from '../node/cacheShards';
import { readLazyFactsInSteps } from '../core/workspace/lazyFacts';
import type { Folder, Folders } from './folders';
import type { OpenDocuments, Outbox } from './outbox';
import { inventoryEnvironments, type Publisher } from './publisher';
import { noInventoryMessage } from './noInventory';
import type { SettingsFetch } from './settingsFetch';
import { IdleWork, slices, systemClock } from './idleWork';
import { pathOf, uriOf } from './uri';

/** How long the indexer holds the thread at most between two looks at the messages read meanwhile. */
const INDEX_SLICE_MS = 8;
/** How many commits in slices the cold index makes before the last one, done at once (see commitInSlices). */
const COMMIT_ROUNDS = 3;

/** The part of LSP's work-done progress the indexer uses. */
export interface Progress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
}

/** Reads every folder's files: on worker threads for a large folder, else in slices, so requests are still answered. */
export class Indexer {
  private cache: { readonly folder: string; readonly version: string } | undefined;

  constructor(
    private readonly folders: Folders,
    private readonly documents: OpenDocuments,
    private readonly publisher: Publisher,
    private readonly settings: SettingsFetch,
    private readonly outbox: Outbox,
    private readonly createProgress: () => Promise<Progress>,
    /** True while work for the user is queued (an edit's re-check, see Scheduler.hasWork): indexing waits for it. */
    private readonly userWaiting: () => boolean = () => false,
  ) {}

  private pauses(): () => Promise<void> {
    return slices(INDEX_SLICE_MS, systemClock, this.userWaiting);
  }

  /**
   * Keeps what the cold index computes per file in `folder` (the editor's storage for this workspace), so that
   * the next start builds only the files that changed.
   */
  useCache(folder: string | undefined, version: string): void {
    this.cache = folder ? { folder, version } : undefined;
  }

  private cacheFile(root: string): string | undefined {
    return this.cache && join(this.cache.folder, `index-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.cache`);
  }

  private loadCache(file: string | undefined, settings: Settings): ModelCache | undefined {
    if (!this.cache || file === undefined) return undefined;
    const cache = ModelCache.load(file, cacheKey(this.cache.version, settings));
    if (cache.ignored) this.outbox.info(`The index cache ${file} was not used (${cache.ignored}); it is rewritten.`);
    return cache;
  }

  async indexAll(): Promise<void> {
    const started = Date.now();
    let threads = 0;
    const unreadable: string[] = [];
    this.publisher.setIndexing(true);
    const linkWhenIdle: Workspace[] = [];
    const progress = await this.createProgress();
    progress.begin('Kube Expose: indexing', 0, 'discovering files', false);
    try {
      for (const folder of this.folders.all()) {
        const settings = await this.settings.fetch(folder.root);
        // Checked by the commit in slices below, not at once.
        folder.workspace.setSettings(settings, false);
        // With a cache, the files are read and hashed on a worker while this thread parses it.
        const cacheFile = this.cacheFile(folder.root);
        const reader = cacheFile === undefined ? undefined : startReader(settings, hintsFile(cacheFile));
        const pause = this.pauses();
        const { files, skipped } = await inSlices(discoverInSteps(folder.root, (path) => folder.workspace.wants(path), (path) => folder.workspace.isExcluded(path)), pause);
        for (const entry of skipped) this.outbox.warn(`Skipped ${entry.path}: ${entry.reason}`);
        unreadable.push(...skipped.filter((entry) => entry.reason.includes('EACCES')).map((entry) => entry.path));
        const descriptors: (FileDescriptor | undefined)[] = [];
        for (const path of files) {
          descriptors.push(this.documents.get(uriOf(path)) ? undefined : folder.workspace.describe(path));
          await pause();
        }
        const reading = files.length >= parallelThreshold() ? reader?.read(wantedOf(descriptors)) : undefined;
        if (!reading) reader?.cancel();
        const cache = this.loadCache(cacheFile, settings);
        if (files.length >= parallelThreshold() || cache) threads = Math.max(threads, await this.inParallel(folder, files, descriptors, settings, progress, cache, await reading));
        else await this.inSlices(folder, files, settings, progress);
        for (const document of this.documents.all()) {
          const path = pathOf(document.uri);
          if (path && folder.workspace.wants(path)) folder.workspace.stage(path, { text: document.getText() });
        }
        // The checks whose inputs are as they were take the last start's diagnostics (see keptChecks.ts).
        if (cache) folder.workspace.offerResults(cache.checkResults(), cache.digest, cache.lastRun);
        this.publisher.indexedFolder(folder, await this.commitInSlices(folder));
        cache?.rememberCheckResults(folder.workspace.checkResults(cache.digest));
        linkWhenIdle.push(folder.workspace);
        if (folder.workspace.fileCount > 0 && inventoryEnvironments(folder.workspace) === 0) this.outbox.warn(noInventoryMessage(folder.root));
        const saved = cache?.save();
        if (saved?.error) this.outbox.warn(`Cannot write the index cache: ${saved.error}`);
        for (const file of folder.workspace.allFiles()) if (file.problems.some((problem) => problem.message.includes('(EACCES)'))) unreadable.push(file.path);
      }
      this.reportUnreadable(unreadable);
    } finally {
      progress.done();
      this.publisher.setIndexing(false);
      for (const workspace of linkWhenIdle) linkInIdleTime(workspace);
      this.outbox.info(`Indexed ${this.publisher.totalFiles()} files in ${Date.now() - started} ms${threads ? ` (${threads} worker thread${threads === 1 ? '' : 's'})` : ''}`);
    }
  }

  /** Re-reads a folder's settings and re-checks what they change. */
  async refreshSettings(folder: Folder): Promise<void> {
    const before = folder.workspace.currentSettings();
    const settings = await this.settings.fetch(folder.root);
    const changed = folder.workspace.setSettings(settings);
    // Other globs, or another inventory in ansible.cfg, may want files the index never read.
    if (JSON.stringify([before.files, before.ansible.inventory]) !== JSON.stringify([settings.files, settings.ansible.inventory])) changed.push(...this.readNewlyWanted(folder));
    // Open documents depend on settings that change no diagnostic of the index (kubeExpose.yamlExtension).
    const open = this.documents.all().flatMap((document) => {
      const path = pathOf(document.uri);
      return path && this.folders.of(path) === folder ? [path] : [];
    });
    this.publisher.publish(folder, [...new Set([...changed, ...open])]);
  }

  private readNewlyWanted(folder: Folder): string[] {
    const { workspace } = folder;
    const { files } = discover(folder.root, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
    for (const path of files) if (!workspace.file(path)) workspace.stage(path, readUnder(path, workspace.currentSettings()));
    return workspace.commit();
  }

  private async inSlices(folder: Folder, files: readonly string[], settings: Settings, progress: Progress): Promise<void> {
    for (let i = 0; i < files.length; i++) {
      const path = files[i] ?? '';
      const open = this.documents.get(uriOf(path));
      folder.workspace.stage(path, open ? { text: open.getText() } : readUnder(path, settings));
      if (i % 200 === 199) {
        progress.report(Math.round((100 * (i + 1)) / files.length), `${i + 1}/${files.length} files`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /**
   * Builds the models of the files not open in the editor on worker threads; this thread stays free for requests
   * meanwhile. Staged afterwards in the order of `files`, as the sequential path does, taking the editor's text
   * for any file opened in the meantime.
   */
  private async inParallel(folder: Folder, files: readonly string[], descriptors: readonly (FileDescriptor | undefined)[], settings: Settings, progress: Progress, cache: ModelCache | undefined, readFirst: readonly ReadAhead[] | undefined): Promise<number> {
    const wanted = wantedOf(descriptors);
    let reported = 0;
    let threads = 0;
    const fallbacks: string[] = [];
    let reason = '';
    const models = await prepareModelsCached(wanted, settings, cache, {
      onWorkers: (count) => (threads = count),
      onFallback: (path, why) => {
        fallbacks.push(path);
        reason = why;
      },
      onProgress: (done, total) => {
        if (done - reported < 200 && done < total) return;
        reported = done;
        progress.report(Math.round((100 * done) / total), `${done}/${total} files`);
      },
    }, readFirst);
    if (fallbacks.length) this.outbox.warn(`${fallbacks.length} files were indexed without worker threads (${reason})`);
    let next = 0;
    const pause = this.pauses();
    for (const [index, path] of files.entries()) {
      await pause();
      const model = descriptors[index] ? models[next++] : undefined;
      // A cold index reads every fact: a large file's are parsed here, in pieces between messages, rather than at
      // once (40 ms) by the commit. From a cache, the facts of files left as they were may never be read.
      if (model && !cache) await inSlices(readLazyFactsInSteps(model), pause);
      const open = this.documents.get(uriOf(path));
      if (open) folder.workspace.stage(path, { text: open.getText() });
      else if (descriptors[index]) folder.workspace.stagePrepared(path, model);
      else folder.workspace.stage(path, readUnder(path, settings));
    }
    return threads;
  }

  /**
   * Links a folder's files, a step of an environment at a time, serving the messages read meanwhile between them:
   * an edit of an open file is staged and shown with its own diagnostics (see Scheduler.flush), and linked by the
   * commit that follows, before anything of the folder is published in full. The commits that follow link only
   * what the edits changed; the last is done at once, however long the user keeps typing.
   */
  private async commitInSlices(folder: Folder): Promise<string[]> {
    const changed = new Set<string>();
    const pause = this.pauses();
    for (let round = 0; round < COMMIT_ROUNDS && (round === 0 || folder.workspace.staged()); round++) {
      for (const path of await inSlices(folder.workspace.commitInSteps(), pause)) changed.add(path);
    }
    for (const path of folder.workspace.commit()) changed.add(path);
    return [...changed];
  }

  /** Files the server may not read are said once per indexing, in one message, not once per file. */
  private reportUnreadable(paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.outbox.warn(`Cannot read (permission denied): ${paths.join(', ')}`);
    this.outbox.warnUser(`Kube Expose cannot read ${paths.length} file${paths.length === 1 ? '' : 's or folders'} of the workspace (permission denied); see the Kube Expose output for the list.`);
  }
}

/**
 * Links, one environment per turn of the event loop, the chains of the environments whose diagnostics were kept
 * from the last start: a request or an edit waits for one environment at most, and the first edit after a warm
 * start finds its environment linked. It begins a while after the index is published: the status and diagnostics
 * just sent are written first, and what a client does first (open a file, ask for code lenses) comes before.
 */
function linkInIdleTime(workspace: Workspace): void {
  const linking = new IdleWork(
    (more) => {
      while (workspace.linkPending()) if (!more()) return false;
      return true;
    },
    { sliceMs: 0, quietMs: IDLE_LINK_DELAY_MS },
  );
  linking.busy();
  linking.poke();
}

const IDLE_LINK_DELAY_MS = 200;

/** Runs a generator of steps to its end, serving the messages read meanwhile between steps (see slices). */
async function inSlices<T>(steps: Generator<undefined, T, undefined>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

const wantedOf = (descriptors: readonly (FileDescriptor | undefined)[]): FileDescriptor[] => descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
