import { settingName, type Settings } from '../core/settings';
import type { PreparedFileModel } from '../core/workspace/fileModel';
import { prepareModel, type FileDescriptor } from '../core/workspace/prepare';
import { ENTRIES_KEPT, hashText } from './modelCache';
import type { BuiltAhead, ReadResults } from './modelProtocol';
import { readIfPresent } from './readText';

/**
 * Past this many changed files (a branch switch, a first run), the caller builds them on all its workers: the
 * reading worker only reads the rest.
 */
const MAX_BUILT_AHEAD = 32;

/** How many files a thread claims at a time when two read them (see readClaimed): few, so that both end together. */
export const CLAIMED_SLICE = 128;

/**
 * Reads and hashes a file; one the last run did not see as it is now (`hints`) is built too, as the caller would
 * build it (its cache has no model for it): the caller meanwhile parses the cache.
 */
function readAndHash(descriptor: FileDescriptor, settings: Settings, hints: ReadonlyMap<string, string> | undefined, build: (model: PreparedFileModel | undefined) => void): ReadResults['read'][number] {
  const content = readIfPresent(descriptor.path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
  // Files that cannot be read as text are said again each run, not kept: no hash.
  if (content === undefined || content.skipReason !== undefined) return content === undefined ? {} : { content };
  const hash = hashText(content.text);
  const hint = hints?.get(descriptor.path);
  // A file whose entries are kept is built by the caller from them (see keptEntries.ts), in less time.
  if (hints && hint !== hash && !hint?.endsWith(ENTRIES_KEPT)) build(prepareModel(descriptor, content, settings));
  return { content, hash };
}

/** Reads and hashes the files from `from` to `to`, building at most MAX_BUILT_AHEAD changed ones in all (`built`). */
function readSlice(descriptors: readonly FileDescriptor[], from: number, to: number, settings: Settings, hints: ReadonlyMap<string, string> | undefined, built: BuiltAhead[]): ReadResults {
  const read: ReadResults['read'][number][] = [];
  const builtHere: BuiltAhead[] = [];
  for (let index = from; index < Math.min(to, descriptors.length); index++) {
    const descriptor = descriptors[index];
    if (!descriptor) continue;
    read.push(
      readAndHash(descriptor, settings, hints && built.length < MAX_BUILT_AHEAD ? hints : undefined, (model) => {
        const each = model ? { index, model } : { index };
        built.push(each);
        builtHere.push(each);
      }),
    );
  }
  return { from, read, built: builtHere };
}

/**
 * Reads the files a slice at a time, each slice claimed in `claims` (one counter shared by the threads that read
 * them), until none is left; `each` takes a slice when read.
 */
export function readClaimed(descriptors: readonly FileDescriptor[], claims: Int32Array, slice: number, settings: Settings, hints: ReadonlyMap<string, string> | undefined, each: (read: ReadResults) => void): void {
  const built: BuiltAhead[] = [];
  for (let from = Atomics.add(claims, 0, slice); from < descriptors.length; from = Atomics.add(claims, 0, slice)) each(readSlice(descriptors, from, from + slice, settings, hints, built));
}
