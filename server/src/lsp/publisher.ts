import { withoutWhatYamlExtensionReports } from '../core/features/yamlExtension';
import type { Workspace } from '../core/workspace/workspace';
import type { Folder, Folders } from './folders';
import { toLspDiagnostic } from './convert';
import type { OpenDocuments, Outbox } from './outbox';
import { EXPOSURES_CHANGED_NOTIFICATION, STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { uriOf } from './uri';

/**
 * Sends diagnostics, the status and the exposures-changed notification. Before a folder's first index is
 * committed, a file opened or edited is checked against a partial workspace, where every link to a file not read
 * yet looks missing: it shows only what it earns on its own, and is published in full once the folder is indexed.
 */
export class Publisher {
  private readonly indexed = new WeakSet<Folder>();
  /** Paths shown with their own diagnostics only, to publish in full once their folder is indexed. */
  private readonly provisional = new Set<string>();
  private indexing = false;
  private lastRevision = -1;
  private lastStatusFiles = -1;

  constructor(
    private readonly folders: Folders,
    private readonly documents: OpenDocuments,
    private readonly outbox: Outbox,
  ) {}

  isIndexed(folder: Folder): boolean {
    return this.indexed.has(folder);
  }

  /** The folder's first index is committed: publishes `committed` and every file shown provisionally. */
  indexedFolder(folder: Folder, committed: readonly string[]): void {
    this.indexed.add(folder);
    const shownEarly = [...this.provisional].filter((path) => this.folders.of(path) === folder);
    for (const path of shownEarly) this.provisional.delete(path);
    this.publish(folder, [...new Set([...committed, ...shownEarly])]);
  }

  setIndexing(indexing: boolean): void {
    this.indexing = indexing;
    this.sendStatus();
  }

  publish(folder: Folder, paths: readonly string[]): void {
    const complete = this.indexed.has(folder);
    for (const path of paths) {
      const uri = uriOf(path);
      const document = this.documents.get(uri);
      if (!complete) this.provisional.add(path);
      const all = complete ? folder.workspace.diagnostics(path) : folder.workspace.localDiagnostics(path);
      const shown = document?.languageId === 'yaml' ? withoutWhatYamlExtensionReports(all, folder.workspace.kindOf(path), folder.workspace.currentSettings().yamlExtension) : all;
      this.outbox.diagnostics({ uri, diagnostics: shown.map(toLspDiagnostic), ...(document === undefined ? {} : { version: document.version }) });
    }
    if (paths.length || this.totalFiles() !== this.lastStatusFiles) this.sendStatus();
    const revision = this.folders.all().reduce((sum, candidate) => sum + candidate.workspace.revision, 0);
    if (revision !== this.lastRevision) {
      this.lastRevision = revision;
      this.outbox.notify(EXPOSURES_CHANGED_NOTIFICATION);
    }
  }

  /** Clears the diagnostics of a folder that left the workspace. */
  forget(folder: Folder): void {
    for (const path of folder.workspace.allDiagnostics().keys()) this.outbox.diagnostics({ uri: uriOf(path), diagnostics: [] });
  }

  totalFiles(): number {
    return this.folders.all().reduce((count, folder) => count + folder.workspace.fileCount, 0);
  }

  sendStatus(): void {
    let files = 0;
    let errors = 0;
    let warnings = 0;
    let environments = 0;
    const withoutInventory: string[] = [];
    for (const folder of this.folders.all()) {
      files += folder.workspace.fileCount;
      const counts = folder.workspace.severityCounts();
      errors += counts.errors;
      warnings += counts.warnings;
      const checked = inventoryEnvironments(folder.workspace);
      environments += checked;
      if (!this.indexing && checked === 0 && folder.workspace.fileCount > 0) withoutInventory.push(folder.root);
    }
    this.lastStatusFiles = files;
    const params: StatusParams = { indexing: this.indexing, files, errors, warnings, environments, withoutInventory };
    this.outbox.notify(STATUS_NOTIFICATION, params);
  }
}

/** The environments of a folder that have an inventory, so that their chains are checked. */
export function inventoryEnvironments(workspace: Workspace): number {
  return workspace.environmentNames().filter((name) => workspace.environment(name)?.hasInventory()).length;
}
