import { sep } from 'node:path';
import { settingName } from '../core/settings';
import { Workspace } from '../core/workspace/workspace';
import type { FileDescriptor } from '../core/workspace/prepare';
import { discover } from '../node/discover';
import { parallelThreshold, prepareModels } from '../node/parallelModels';
import { readIfPresent, readText } from '../node/readText';
import { readSettingsFile, SETTINGS_FILE } from '../node/settingsFile';
import { UsageError } from './exit';
import { shownPath } from './rebase';
import type { CliIo } from './io';

/**
 * Reads one repository into a checked workspace, also taking the files named on the command line. A
 * .kube-expose.json that cannot be read or holds a wrong setting stops the run: CI must check what the team
 * configured, not the defaults.
 */
export async function loadProject(project: string, named: readonly string[], io: CliIo): Promise<Workspace> {
  const { settings, problems } = readSettingsFile(project);
  if (problems.length) throw new UsageError(problems.map((problem) => `${shownPath(`${project}${sep}${SETTINGS_FILE}`, io.cwd)}${problem.startsWith(SETTINGS_FILE) ? problem.slice(SETTINGS_FILE.length) : `: ${problem}`}`).join('\nkube-expose: '));
  const workspace = new Workspace(project, settings);
  const found = discover(project, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
  if (found.files.length >= parallelThreshold()) {
    const descriptors = found.files.map((path) => workspace.describe(path));
    let workers = 0;
    let onMain = 0;
    let why = '';
    const models = await prepareModels(
      descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined),
      settings,
      {
        ...(io.workerPath === undefined ? {} : { workerPath: io.workerPath }),
        onWorkers: (count) => (workers = count),
        onFallback: (_path, reason) => {
          onMain++;
          why ||= reason;
        },
      },
    );
    // No file is lost when a worker fails, but the run is slower than the README's figures: say so.
    if (onMain) io.stderr(`kube-expose: ${onMain} of ${descriptors.length} files were read on the main thread, a worker thread having failed (${why})\n`);
    io.onThreads?.(workers, onMain);
    let next = 0;
    // In the order of the files, as the sequential path stages them: the order of the index shows in the output.
    for (const [index, descriptor] of descriptors.entries()) workspace.stagePrepared(found.files[index] ?? '', descriptor ? models[next++] : undefined);
  } else {
    for (const path of found.files) workspace.stage(path, readIfPresent(path, settings.maxFileSize, settingName(settings, 'maxFileSize')));
  }
  for (const path of named) if (path.startsWith(project + sep) && !workspace.file(path)) workspace.stage(path, readText(path, settings.maxFileSize, settingName(settings, 'maxFileSize')));
  workspace.commit();
  for (const entry of found.skipped) io.stderr(`kube-expose: skipped ${shownPath(entry.path, io.cwd)}: ${entry.reason}\n`);
  return workspace;
}
