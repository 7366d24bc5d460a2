import { sep } from 'node:path';
import { settingName, type ColdReader } from '../core/settings';
import { Workspace } from '../core/workspace/workspace';
import type { FileDescriptor } from '../core/workspace/prepare';
import { discover } from '../node/discover';
import { prepareModelsCached } from '../node/cachedModels';
import { cacheKey, ModelCache } from '../node/modelCache';
import { parallelThreshold, type ParallelOptions } from '../node/parallelModels';
import { readIfPresent, readText } from '../node/readText';
import { startDiscovery } from '../node/readAhead';
import { hintsFile } from '../node/cacheShards';
import { readSettingsFile, SETTINGS_FILE } from '../node/settingsFile';
import { UsageError } from './exit';
import { shownPath } from './rebase';
import type { CliIo } from './io';

/** Where a run keeps its cache, and the version that wrote it. */
export interface CacheAt {
  readonly file: string;
  readonly version: string;
}

/**
 * Reads one repository into a checked workspace, also taking the files named on the command line. A
 * .kube-expose.json that cannot be read or holds a wrong setting stops the run: CI must check what the team
 * configured, not the defaults.
 */
export async function loadProject(project: string, named: readonly string[], io: CliIo, parallel: ParallelOptions = {}, reader?: ColdReader, cacheAt?: CacheAt): Promise<Workspace> {
  const read = readSettingsFile(project);
  const problems = read.problems;
  if (problems.length) throw new UsageError(problems.map((problem) => `${shownPath(`${project}${sep}${SETTINGS_FILE}`, io.cwd)}${problem.startsWith(SETTINGS_FILE) ? problem.slice(SETTINGS_FILE.length) : `: ${problem}`}`).join('\nkube-expose: '));
  const settings = reader === undefined ? read.settings : { ...read.settings, coldReader: reader };
  const workspace = new Workspace(project, settings);
  // With a cache, the files are found, read and hashed on a worker while this thread parses it.
  const finding = cacheAt === undefined ? undefined : startDiscovery(settings, project, hintsFile(cacheAt.file), io.workerPath);
  const cache = cacheAt && ModelCache.load(cacheAt.file, cacheKey(cacheAt.version, settings));
  const foundAhead = await finding;
  const found = foundAhead?.found ?? discover(project, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
  const descriptors = foundAhead?.descriptors ?? found.files.map((path) => workspace.describe(path));
  const wanted = descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
  const reading = foundAhead?.read();
  if (found.files.length >= parallelThreshold() || cache) {
    let workers = 0;
    let onMain = 0;
    let why = '';
    const options: ParallelOptions = {
      ...(io.workerPath === undefined ? {} : { workerPath: io.workerPath }),
      ...parallel,
      onWorkers: (count) => {
        workers = count;
        parallel.onWorkers?.(count);
      },
      onFallback: (path, reason) => {
        onMain++;
        why ||= reason;
        parallel.onFallback?.(path, reason);
      },
    };
    const models = await prepareModelsCached(wanted, settings, cache, options, await reading);
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
  // The checks whose inputs are as they were take the last run's diagnostics; the others run (see keptChecks.ts).
  if (cache) workspace.offerResults(cache.checkResults(), cache.digest, cache.lastRun);
  workspace.commit();
  cache?.rememberCheckResults(workspace.checkResults(cache.digest));
  const saved = cache?.save();
  if (saved?.error) io.stderr(`kube-expose: cannot write the cache ${cacheAt ? shownPath(cacheAt.file, io.cwd) : ''}: ${saved.error}\n`);
  for (const entry of found.skipped) io.stderr(`kube-expose: skipped ${shownPath(entry.path, io.cwd)}: ${entry.reason}\n`);
  return workspace;
}
