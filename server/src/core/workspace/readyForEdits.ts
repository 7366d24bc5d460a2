import { adoptEntries, entriesOfIndexed, verifyEntries } from './lazyBlocks';
import { modelOf } from './prepare';
import type { Workspace } from './workspace';

export interface Readied {
  /** False while entries are left to parse: call again (in idle time) to go on. */
  readonly done: boolean;
  /** The paths whose diagnostics changed (none, unless the file changed on disk or an entry read differently). */
  readonly changed: string[];
}

/**
 * Readies a file the editor opened for its edits. A model built on a worker thread has neither parsed entries nor
 * facts kept per entry: its first edit would parse the whole file, read every entry's facts afresh and re-link its
 * whole environment (a few hundred milliseconds on a 25,000-line routes.yml), where later edits take a few.
 *
 * The first call cuts the file into its entries, each with the facts the index read of it (lazyBlocks): a few
 * milliseconds, after which an edit parses only the entries it touches. Each call then parses entries with `yaml`
 * while `more()` says so, checking that each reads as the index read it; the caller calls again in idle time
 * until `done`. A file that cannot be cut so is parsed and rebuilt in one call, as the first edit would.
 */
export function readyForEdits(workspace: Workspace, path: string, more: () => boolean = () => true): Readied {
  const file = workspace.file(path);
  if (!file) return { done: true, changed: [] };
  if (!workspace.isParsed(path)) {
    const blocks = entriesOfIndexed(file);
    if (blocks) adoptEntries(file, blocks);
    else {
      // Parsing keeps the entries, which the rebuild below reuses instead of parsing again.
      workspace.parseDocuments(path);
      if (file.parse !== 'entries') return { done: true, changed: [] };
      workspace.stage(path, { text: file.text }, true);
      return { done: true, changed: workspace.commit() };
    }
  }
  const { done, differs } = verifyEntries(file, more);
  if (!differs) return { done, changed: [] };
  // An entry read otherwise than the index read it: the file is built again from its entries, as an edit builds it.
  workspace.stage(path, { text: file.text }, true);
  return { done, changed: workspace.commit() };
}

/**
 * Builds, and drops, the model `path` would have after a keystroke in its middle (a digit changed for another: no
 * entry moves, so no entry of the file's model is touched). The code an edit runs (cutting the changed entry out,
 * parsing it with `yaml`, reading its facts) is then compiled when the file is opened, not at the user's first
 * keystroke, which paid for it: 20 ms on a 25,000-line routes.yml, where the next ones take 5.
 */
export function rehearseEdit(workspace: Workspace, path: string): void {
  const file = workspace.file(path);
  const descriptor = file && workspace.describe(path);
  if (!file || !descriptor || file.parse !== 'entries') return;
  const digit = /\d/g;
  digit.lastIndex = Math.floor(file.text.length / 2);
  const at = digit.exec(file.text)?.index;
  if (at === undefined) return;
  const text = `${file.text.slice(0, at)}${file.text[at] === '1' ? '2' : '1'}${file.text.slice(at + 1)}`;
  try {
    modelOf(descriptor, { text }, workspace.currentSettings(), file);
  } catch {
    // Only a head start for the first edit: whatever went wrong here, that edit meets it and says it.
  }
}
