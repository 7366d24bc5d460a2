import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';

export const ROOT = '/repo';

/** A workspace held in memory: paths are relative to /repo, text as given. */
export function memoryWorkspace(files: Record<string, string>, settings: unknown = undefined): Workspace {
  const workspace = new Workspace(ROOT, readSettings(settings));
  for (const [path, text] of Object.entries(files)) workspace.stage(`${ROOT}/${path}`, { text });
  workspace.commit();
  return workspace;
}

/** `file:line code` of every diagnostic, sorted, for compact assertions. */
export function summary(workspace: Workspace): string[] {
  const lines: string[] = [];
  for (const [path, diagnostics] of workspace.allDiagnostics()) {
    for (const diagnostic of diagnostics) lines.push(`${path.slice(ROOT.length + 1)}:${diagnostic.range.start.line + 1} ${diagnostic.code}`);
  }
  return lines.sort();
}
