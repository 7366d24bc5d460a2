import { sep } from 'node:path';
import type { ColdReader } from '../core/settings';
import { Workspace } from '../core/workspace/workspace';
import type { FileDescriptor } from '../core/workspace/prepare';
import { discover } from '../node/discover';
import { prepareModelsCached } from '../node/cachedModels';
import { cacheKey, ModelCache } from '../node/modelCache';
import { parallelThreshold, type ParallelOptions } from '../node/parallelModels';
import { readIfPresent, readText } from '../node/readText';
import { readSettingsFile } from '../node/settingsFile';
import type { CliIo } from './io';

/** Where a run keeps its cache, and the version that wrote it. */
export interface CacheAt {
  readonly file: string;
  readonly version: string;
}

/** Reads one repository into a checked workspace, also taking the files named on the command line. */
export async function loadProject(project: string, named: readonly string[], io: CliIo, parallel: ParallelOptions = {}, reader?: ColdReader, cacheAt?: CacheAt): Promise<Workspace> {
  const read = readSettingsFile(project);
  const problems = read.problems;
  const settings = reader === undefined ? read.settings : { ...read.settings, coldReader: reader };
  for (const problem of problems) io.stderr(`kube-expose: ${problem}; using the default\n`);
  const workspace = new Workspace(project, settings);
  const found = discover(project, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
  const cache = cacheAt && ModelCache.load(cacheAt.file, cacheKey(cacheAt.version, settings));
  if (found.files.length >= parallelThreshold() || cache) {
    const descriptors = found.files.map((path) => workspace.describe(path));
    const models = await prepareModelsCached(descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined), settings, cache, parallel);
    let next = 0;
    // In the order of the files, as the sequential path stages them: the order of the index shows in the output.
    for (const [index, descriptor] of descriptors.entries()) workspace.stagePrepared(found.files[index] ?? '', descriptor ? models[next++] : undefined);
  } else {
    for (const path of found.files) workspace.stage(path, readIfPresent(path, settings.maxFileSize));
  }
  for (const path of named) if (path.startsWith(project + sep) && !workspace.file(path)) workspace.stage(path, readText(path, settings.maxFileSize));
  workspace.commit();
  const saved = cache?.save();
  if (saved?.error) io.stderr(`kube-expose: cannot write the cache ${cacheAt?.file ?? ''}: ${saved.error}\n`);
  for (const entry of found.skipped) io.stderr(`kube-expose: skipped ${entry.path}: ${entry.reason}\n`);
  return workspace;
}
