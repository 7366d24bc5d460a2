import type { Workspace } from './workspace';

/**
 * Readies a file the editor opened for its edits. A model built on a worker thread has neither parsed entries nor
 * facts kept per entry: its first edit would parse the whole file, read every entry's facts afresh and re-link its
 * whole environment (a few hundred milliseconds on a 25,000-line routes.yml), where later edits take a few. This
 * pays that once, when the file opens, so that no keystroke does. Returns the paths whose diagnostics changed
 * (none, unless the file changed on disk meanwhile: the model is rebuilt from the same text).
 */
export function readyForEdits(workspace: Workspace, path: string): string[] {
  const file = workspace.file(path);
  if (!file || workspace.isParsed(path)) return [];
  // Parsing keeps the entries, which the rebuild below reuses instead of parsing again.
  workspace.parseDocuments(path);
  if (file.parse !== 'entries') return [];
  workspace.stage(path, { text: file.text }, true);
  return workspace.commit();
}
