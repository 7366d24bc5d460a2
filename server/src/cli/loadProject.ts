import { sep } from 'node:path';
import type { ColdReader } from '../core/settings';
import { Workspace } from '../core/workspace/workspace';
import type { FileDescriptor } from '../core/workspace/prepare';
import { discover } from '../node/discover';
import { parallelThreshold, prepareModels, type ParallelOptions } from '../node/parallelModels';
import { readIfPresent, readText } from '../node/readText';
import { readSettingsFile } from '../node/settingsFile';
import type { CliIo } from './io';

/** Reads one repository into a checked workspace, also taking the files named on the command line. */
export async function loadProject(project: string, named: readonly string[], io: CliIo, parallel: ParallelOptions = {}, reader?: ColdReader): Promise<Workspace> {
  const read = readSettingsFile(project);
  const problems = read.problems;
  const settings = reader === undefined ? read.settings : { ...read.settings, coldReader: reader };
  for (const problem of problems) io.stderr(`kube-expose: ${problem}; using the default\n`);
  const workspace = new Workspace(project, settings);
  const found = discover(project, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
  if (found.files.length >= parallelThreshold()) {
    const descriptors = found.files.map((path) => workspace.describe(path));
    const models = await prepareModels(descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined), settings, parallel);
    let next = 0;
    // In the order of the files, as the sequential path stages them: the order of the index shows in the output.
    for (const [index, descriptor] of descriptors.entries()) workspace.stagePrepared(found.files[index] ?? '', descriptor ? models[next++] : undefined);
  } else {
    for (const path of found.files) workspace.stage(path, readIfPresent(path, settings.maxFileSize));
  }
  for (const path of named) if (path.startsWith(project + sep) && !workspace.file(path)) workspace.stage(path, readText(path, settings.maxFileSize));
  workspace.commit();
  for (const entry of found.skipped) io.stderr(`kube-expose: skipped ${entry.path}: ${entry.reason}\n`);
  return workspace;
}
