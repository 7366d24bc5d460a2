import { sep } from 'node:path';
import { Workspace } from '../core/workspace/workspace';
import { discover } from '../node/discover';
import { readIfPresent, readText } from '../node/readText';
import { readSettingsFile } from '../node/settingsFile';
import type { CliIo } from './run';

/** Reads one repository into a checked workspace, also taking the files named on the command line. */
export function loadProject(project: string, named: readonly string[], io: CliIo): Workspace {
  const { settings, problems } = readSettingsFile(project);
  for (const problem of problems) io.stderr(`kube-expose: ${problem}; using the default\n`);
  const workspace = new Workspace(project, settings);
  const found = discover(project, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
  for (const path of found.files) workspace.stage(path, readIfPresent(path, settings.maxFileSize));
  for (const path of named) if (path.startsWith(project + sep) && !workspace.file(path)) workspace.stage(path, readText(path, settings.maxFileSize));
  workspace.commit();
  for (const entry of found.skipped) io.stderr(`kube-expose: skipped ${entry.path}: ${entry.reason}\n`);
  return workspace;
}
