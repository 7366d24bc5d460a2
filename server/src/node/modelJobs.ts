import { parentPort, workerData } from 'node:worker_threads';
import { Workspace } from '../core/workspace/workspace';
import { discover } from './discover';
import type { FileDescriptor } from '../core/workspace/prepare';
import { settingName } from '../core/settings';
import { prepareModel } from '../core/workspace/prepare';
import type { Discovered, ModelJobs, ModelResults, ModelWorkerData, ReadJobs } from './modelProtocol';
import { readIfPresent } from './readText';
import { shipped } from './shippedModel';
import { CLAIMED_SLICE, readClaimed } from './readAndHash';
import { readHints } from './cacheShards';

/** Makes this worker thread build the file models parallelModels.ts sends it, until it is terminated. */
export function serveModelJobs(): void {
  const data = workerData as ModelWorkerData;
  const { settings } = data;
  // Before any job arrives: the caller meanwhile discovers the files to send.
  // None when they are missing or not what they should be: nothing is then built ahead (with no cache, every file would be).
  const hints = data.hints === undefined ? undefined : readHints(data.hints);
  const port = parentPort;
  if (port && data.discover !== undefined && data.claims !== undefined) {
    // Found here while the caller parses its cache; the caller then reads its share of the files too.
    const workspace = new Workspace(data.discover, settings);
    const found = discover(data.discover, workspace.wants, (path) => workspace.isExcluded(path));
    const descriptors = found.files.map((path) => workspace.describe(path));
    const discovered: Discovered = { found, descriptors };
    port.postMessage(discovered);
    const wanted = descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
    readClaimed(wanted, new Int32Array(data.claims), CLAIMED_SLICE, settings, hints, (read) => port.postMessage(read));
    // Nothing more is asked of it: with no listener, the thread ends once what it sent is delivered.
    return;
  }
  port?.on('message', (message: ModelJobs | ReadJobs) => {
    // Read alone, with a counter of its own: slice after slice, in order.
    if ('reads' in message) return readClaimed(message.reads, new Int32Array(1), READ_SLICE, settings, hints, (read) => port.postMessage(read));
    const results: ModelResults['results'][number][] = [];
    for (const { index, descriptor } of message.jobs) {
      try {
        // Read here rather than on the caller's thread: the reads and UTF-8 decoding then run in parallel too.
        const content = readIfPresent(descriptor.path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
        const model = content && prepareModel(descriptor, content, settings);
        results.push(model ? { index, ...shipped(model) } : { index });
      } catch (error) {
        results.push({ index, error: error instanceof Error ? error.message : String(error) });
      }
    }
    const reply: ModelResults = { results };
    port.postMessage(reply);
  });
}

/** How many files' contents go in one message to the caller, who takes in one while this reads the next. */
const READ_SLICE = 1024;

