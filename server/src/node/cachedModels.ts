import { settingName, type Settings } from '../core/settings';
import type { FileContent, PreparedFileModel } from '../core/model/files';
import { prepareModel, type FileDescriptor } from '../core/workspace/prepare';
import { modelFromKeptEntries } from '../core/workspace/keptEntries';
import { hashText, MISSING, type ModelCache } from './modelCache';
import { parallelThreshold, prepareModels, type ParallelOptions } from './parallelModels';
import { readIfPresent } from './readText';
import type { ReadAhead } from './readAhead';

/**
 * `prepareModels` with a cache: each file is read and hashed here, a file whose content the cache knows takes the
 * kept model, and only the others are built (on worker threads when they are many). What was built is remembered.
 * `readFirst`: the files' contents and hashes, read already (see readAhead.ts), in the order of `descriptors`.
 */
export async function prepareModelsCached(descriptors: readonly FileDescriptor[], settings: Settings, cache: ModelCache | undefined, options: ParallelOptions = {}, readFirst?: readonly ReadAhead[]): Promise<(PreparedFileModel | undefined)[]> {
  if (!cache) return prepareModels(descriptors, settings, options);
  const results = new Array<PreparedFileModel | undefined>(descriptors.length);
  const misses: number[] = [];
  const hashes = new Map<number, string>();
  const contents = new Map<number, FileContent | undefined>();
  for (const [index, descriptor] of descriptors.entries()) {
    const ahead = readFirst?.[index];
    const content = ahead ? ahead.content : readIfPresent(descriptor.path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
    // Files that cannot be read as text are said again each run, not kept.
    if (!content || content.skipReason !== undefined) {
      misses.push(index);
      contents.set(index, content);
      continue;
    }
    const hash = ahead?.hash ?? hashText(content.text);
    const found = cache.lookup(descriptor, content.text, hash);
    const rebuilt = found === MISSING ? fromKeptEntries(cache, descriptor, content, settings) : undefined;
    if (rebuilt) {
      results[index] = rebuilt;
      cache.remember(descriptor, rebuilt, rebuilt.text, hash);
    } else if (found === MISSING) {
      misses.push(index);
      hashes.set(index, hash);
      contents.set(index, content);
    } else results[index] = found;
  }
  // Built already on the worker that read them, when it knew the file changed (see readAhead.ts).
  const early = new Map<number, PreparedFileModel | undefined>();
  for (const index of misses) {
    const built = readFirst?.[index]?.built;
    if (built) early.set(index, built.model);
  }
  const left = misses.filter((index) => !early.has(index));
  const wanted = left.map((index) => descriptors[index]).filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
  // Many are built on worker threads, which read them again; a few here, from what was read above.
  const built =
    wanted.length >= parallelThreshold()
      ? await prepareModels(wanted, settings, options)
      : left.map((index) => {
          const descriptor = descriptors[index];
          const content = contents.get(index);
          return descriptor && content && prepareModel(descriptor, content, settings);
        });
  let at = 0;
  for (const index of misses) {
    const model = early.has(index) ? early.get(index) : built[at++];
    const descriptor = descriptors[index];
    results[index] = model;
    const hash = hashes.get(index);
    if (!descriptor || hash === undefined) continue;
    if (model === undefined) cache.remember(descriptor, undefined, '', hash);
    else if (!model.problems.some((problem) => problem.code === 'file-skipped')) cache.remember(descriptor, model, model.text);
  }
  return results;
}

/** A changed file built from the entries kept of its last version, if the cache has them and they serve. */
function fromKeptEntries(cache: ModelCache, descriptor: FileDescriptor, content: FileContent, settings: Settings): PreparedFileModel | undefined {
  const kept = cache.keptEntries(descriptor);
  const model = kept && modelFromKeptEntries(descriptor, content, settings, kept.model, kept.marks, hashText);
  if (kept && model) cache.rebuiltFrom(descriptor.path, kept.model);
  return model;
}
