import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../core/settings';
import type { FileContent } from '../core/model/files';
import type { ModelWorkerData, ReadResults } from './modelProtocol';

/** A file's content as read on the worker, and its hash; no content when the file is gone. */
export interface ReadAhead {
  readonly content?: FileContent;
  readonly hash?: string;
}

/**
 * Reads and hashes `paths` on a worker thread while this one does something else (a warm start parses the model
 * cache meanwhile: on two cores, the reading then costs nothing). Undefined when the worker fails: the caller
 * reads the files itself.
 */
export function readAhead(paths: readonly string[], settings: Settings, workerPath = join(__dirname, 'modelWorker.js')): Promise<readonly ReadAhead[] | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const data: ModelWorkerData = { settings };
      worker = new Worker(workerPath, { workerData: data });
    } catch {
      resolve(undefined);
      return;
    }
    let settled = false;
    const settle = (value: readonly ReadAhead[] | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      void worker.terminate();
    };
    worker.on('message', (message: ReadResults) => settle(message.read.length === paths.length ? message.read : undefined));
    worker.on('error', () => settle(undefined));
    worker.on('exit', () => settle(undefined));
    worker.postMessage({ reads: paths });
  });
}
