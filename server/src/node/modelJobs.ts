import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isRecord } from '../core/util';
import type { FileDescriptor } from '../core/workspace/prepare';
import { settingName, type Settings } from '../core/settings';
import { prepareModel } from '../core/workspace/prepare';
import type { BuiltAhead, ModelJobs, ModelResults, ModelWorkerData, ReadJobs, ReadResults } from './modelProtocol';
import type { PreparedFileModel } from '../core/workspace/fileModel';
import { ENTRIES_KEPT, hashText } from './modelCache';
import { readIfPresent } from './readText';

/** Makes this worker thread build the file models parallelModels.ts sends it, until it is terminated. */
export function serveModelJobs(): void {
  const data = workerData as ModelWorkerData;
  const { settings } = data;
  // Before any job arrives: the caller meanwhile discovers the files to send.
  const hints = readHints(data.hints);
  const port = parentPort;
  port?.on('message', (message: ModelJobs | ReadJobs) => {
    if ('reads' in message) {
      const built: BuiltAhead[] = [];
      const read = message.reads.map((descriptor, index) =>
        readAndHash(descriptor, settings, hints && built.length < MAX_BUILT_AHEAD ? hints : undefined, (model) => built.push(model ? { index, model } : { index })),
      );
      const reply: ReadResults = { read, built };
      port.postMessage(reply);
      return;
    }
    const results: ModelResults['results'][number][] = [];
    for (const { index, descriptor } of message.jobs) {
      try {
        // Read here rather than on the caller's thread: the reads and UTF-8 decoding then run in parallel too.
        const content = readIfPresent(descriptor.path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
        const model = content && prepareModel(descriptor, content, settings);
        results.push(model ? { index, model } : { index });
      } catch (error) {
        results.push({ index, error: error instanceof Error ? error.message : String(error) });
      }
    }
    const reply: ModelResults = { results };
    port.postMessage(reply);
  });
}

/**
 * Reads and hashes a file; one the last run did not see as it is now is built too, as the caller would build it
 * (its cache has no model for it): the caller meanwhile parses the cache.
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

/**
 * Past this many changed files (a branch switch, a first run), the caller builds them on all its workers: this
 * one only reads the rest.
 */
const MAX_BUILT_AHEAD = 32;

/**
 * The hints file, or none when it is missing or not what it should be (nothing is then built ahead: with no cache,
 * every file would be). A hint, never trusted: the cache's own entries decide what is taken.
 */
function readHints(file: string | undefined): ReadonlyMap<string, string> | undefined {
  if (file === undefined) return undefined;
  try {
    const hints: unknown = JSON.parse(readFileSync(file, 'latin1'));
    return isRecord(hints) ? new Map(Object.entries(hints).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : undefined;
  } catch {
    return undefined;
  }
}
