import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { discover } from '../node/discover';
import { readUnder } from '../node/readText';
import { SETTINGS_FILE } from '../node/settingsFile';
import { prepareModel } from '../core/workspace/prepare';
import { readyForEdits, rehearseEdit } from '../core/workspace/readyForEdits';
import type { FileContent, Workspace } from '../core/workspace/workspace';
import type { Folder, Folders } from './folders';
import type { OpenDocuments } from './outbox';
import type { Publisher } from './publisher';
import { IdleWork, type IdleOptions } from './idleWork';
import { pathOf, uriOf } from './uri';

/**
 * Readying an opened file (readyForEdits) goes on in slices this long, once the user has not typed for a while:
 * a keystroke arriving meanwhile waits at most a slice.
 */
const READYING: IdleOptions = { sliceMs: 4, quietMs: 1000 };
const WARM_MS = 3;

/** Brings the index up to date with the editor's text and the files on disk, and publishes what changed. */
export class Scheduler {
  /** Paths whose editor text changed and is waiting to be re-checked. */
  private readonly pending = new Set<string>();
  /** Paths just opened or saved: their diagnostics are sent even when unchanged, as editors expect. */
  private readonly announce = new Set<string>();
  private flushScheduled: NodeJS.Immediate | undefined;
  /** Paths just opened, to ready for their first edit once their diagnostics are out (see readyForEdits). */
  private readonly toReady = new Set<string>();
  private readonly readying = new IdleWork((more) => this.readySome(more), READYING);

  constructor(
    private readonly folders: Folders,
    private readonly documents: OpenDocuments,
    private readonly publisher: Publisher,
  ) {}

  /** An open document changed (`always`: opened or saved). */
  schedule(uri: string, always = false): void {
    const path = pathOf(uri);
    if (!path || !this.folders.of(path)?.workspace.wants(path)) return;
    this.pending.add(path);
    if (always) this.announce.add(path);
    this.readying.busy();
    // After the messages already read (one burst of keystrokes makes one re-check), not after a delay: a re-check
    // costs a few milliseconds (only changed entries are read and linked again), so waiting would only add to it.
    this.flushScheduled ??= setImmediate(() => this.flush());
  }

  /** An edit or an opening waits for its re-check. */
  hasWork(): boolean {
    return this.flushScheduled !== undefined;
  }

  isPending(path: string): boolean {
    return this.pending.has(path);
  }

  flush(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    const touched = new Map<Folder, string[]>();
    const opened: string[] = [];
    for (const path of this.pending) {
      const folder = this.folders.of(path);
      const document = this.documents.get(uriOf(path));
      if (!folder) continue;
      const content = document ? { text: document.getText() } : readUnder(path, folder.workspace.currentSettings());
      const opening = document !== undefined && this.announce.has(path);
      if (opening) opened.push(path);
      if (opening && content && !this.publisher.isIndexed(folder)) stageOpenedEarly(folder.workspace, path, content);
      else folder.workspace.stage(path, content);
      touched.set(folder, [...(touched.get(folder) ?? []), path]);
    }
    this.pending.clear();
    for (const [folder, staged] of touched) {
      // Before its folder's first index a file shows only its own diagnostics (see Publisher): linking it against
      // the few files read so far, where every link looks missing, would be wasted. The index's commit links it.
      if (!this.publisher.isIndexed(folder)) {
        this.publisher.publish(folder, staged);
        continue;
      }
      const changed = new Set(folder.workspace.commit());
      for (const path of this.announce) if (this.folders.of(path) === folder) changed.add(path);
      this.publisher.publish(folder, [...changed]);
    }
    this.announce.clear();
    // Once their diagnostics are out, opened files are cut into entries at once (a few milliseconds), so that
    // their first edit parses only what it touches; parsing the rest waits until the user pauses.
    for (const path of opened) {
      const folder = this.folders.of(path);
      this.documents.get(uriOf(path))?.offsetAt?.({ line: 0, character: 0 });
      // A few entries are parsed now too: the parser's code is then ready for the first edit's.
      const until = performance.now() + WARM_MS;
      if (folder && !this.readyStep(folder, path, () => performance.now() < until)) this.toReady.add(path);
      if (folder && this.documents.get(uriOf(path))) rehearseEdit(folder.workspace, path);
    }
    if (this.toReady.size) this.readying.poke();
  }

  /** Readies opened files for their edits while `more()`; true once none is left. */
  private readySome(more: () => boolean): boolean {
    if (this.pending.size) this.flush();
    for (const path of this.toReady) {
      const folder = this.folders.of(path);
      if (!folder || this.readyStep(folder, path, more)) this.toReady.delete(path);
      if (!more()) break;
    }
    return this.toReady.size === 0;
  }

  /** One step of readying `path` (see readyForEdits); true when nothing is left to do for it. */
  private readyStep(folder: Folder, path: string, more: () => boolean): boolean {
    if (!this.documents.get(uriOf(path))) return true;
    const { done, changed } = readyForEdits(folder.workspace, path, more);
    if (changed.length) this.publisher.publish(folder, changed);
    return done;
  }

  /** The editor's text is gone: what is on disk counts again (or nothing, for a file never saved). */
  closed(uri: string): void {
    const path = pathOf(uri);
    const folder = path ? this.folders.of(path) : undefined;
    if (!path || !folder?.workspace.wants(path)) return;
    this.pending.delete(path);
    folder.workspace.stage(path, readUnder(path, folder.workspace.currentSettings()));
    folder.workspace.releaseParsed(path);
    // Once closed, the file shows again what was left to the YAML extension while it was open.
    this.publisher.publish(folder, [...new Set([...folder.workspace.commit(), path])]);
  }

  /** Files changed on disk (not open in the editor). Returns the folders whose settings file changed. */
  watchedFilesChanged(changes: readonly FileEvent[]): Set<Folder> {
    const touched = new Set<Folder>();
    const reconfigured = new Set<Folder>();
    for (const change of changes) {
      const path = pathOf(change.uri);
      const folder = path ? this.folders.of(path) : undefined;
      if (!path || !folder || this.documents.get(change.uri)) continue;
      if (path === join(folder.root, SETTINGS_FILE) || path === join(folder.root, 'ansible.cfg')) {
        reconfigured.add(folder);
        continue;
      }
      const settings = folder.workspace.currentSettings();
      if (change.type === FileChangeType.Deleted) {
        for (const file of [...folder.workspace.allFiles()]) if (file.path === path || file.path.startsWith(`${path}/`)) folder.workspace.stage(file.path, undefined);
      } else if (folder.workspace.wants(path)) {
        folder.workspace.stage(path, readUnder(path, settings));
      } else if (change.type === FileChangeType.Created) {
        // A folder created (or moved in) brings its files with it.
        const { files } = discover(path, (candidate) => folder.workspace.wants(candidate), (candidate) => folder.workspace.isExcluded(candidate));
        for (const file of files) folder.workspace.stage(file, readUnder(file, settings));
      }
      touched.add(folder);
    }
    for (const folder of touched) this.publisher.publish(folder, folder.workspace.commit());
    return reconfigured;
  }
}

/**
 * A file opened before its folder is indexed: read as the index reads the files no one has open (the fast reader,
 * unless the settings say otherwise), as the workers compete with this thread for the cores then. Its entries are
 * parsed with `yaml`, and checked against what was read, as for any file the index read (see readyForEdits).
 */
function stageOpenedEarly(workspace: Workspace, path: string, content: FileContent): void {
  const descriptor = workspace.describe(path);
  workspace.stagePrepared(path, descriptor && prepareModel(descriptor, content, workspace.currentSettings()));
}
