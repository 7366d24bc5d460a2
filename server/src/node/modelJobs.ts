import { parentPort, workerData } from 'node:worker_threads';
import { settingName, type Settings } from '../core/settings';
import { prepareModel } from '../core/workspace/prepare';
import type { ModelJobs, ModelResults, ModelWorkerData, ReadJobs, ReadResults } from './modelProtocol';
import { hashText } from './modelCache';
import { readIfPresent } from './readText';
import { jsonSafe } from './jsonSafe';

/** Makes this worker thread build the file models parallelModels.ts sends it, until it is terminated. */
export function serveModelJobs(): void {
  const { settings } = workerData as ModelWorkerData;
  const port = parentPort;
  port?.on('message', (message: ModelJobs | ReadJobs) => {
    if ('reads' in message) {
      const reply: ReadResults = { read: message.reads.map((path) => readAndHash(path, settings)) };
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
    // JSON is parsed faster on the receiving thread than a structured clone of the same objects is rebuilt.
    port.postMessage(jsonSafe(reply) ? JSON.stringify(reply) : reply);
  });
}

function readAndHash(path: string, settings: Settings): ReadResults['read'][number] {
  const content = readIfPresent(path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
  // Files that cannot be read as text are said again each run, not kept: no hash.
  return content === undefined ? {} : content.skipReason === undefined ? { content, hash: hashText(content.text) } : { content };
}
