import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../core/settings';
import type { FileContent } from '../core/model/files';
import type { PreparedFileModel } from '../core/model/files';
import type { FileDescriptor } from '../core/workspace/prepare';
import type { ModelWorkerData, ReadJobs, ReadResults } from './modelProtocol';

/** A file's content as read on the worker, and its hash; no content when the file is gone. */
export interface ReadAhead {
  readonly content?: FileContent;
  readonly hash?: string;
  /** The model, built already because the file changed since the last run (see ModelCache.hintsFile). */
  readonly built?: { readonly model?: PreparedFileModel };
}

/**
 * Reads and hashes the files on a worker thread while this one does something else (a warm start parses the model
 * cache meanwhile: on two cores, the reading then costs nothing). Undefined when the worker fails: the caller
 * reads the files itself.
 */
export function readAhead(descriptors: readonly FileDescriptor[], settings: Settings, hints?: string, workerPath = join(__dirname, 'modelWorker.js')): Promise<readonly ReadAhead[] | undefined> {
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
    worker.on('message', (message: ReadResults) => {
      if (message.read.length !== descriptors.length) return settle(undefined);
      const read: ReadAhead[] = [...message.read];
      for (const { index, model } of message.built) read[index] = { ...read[index], built: model ? { model } : {} };
      settle(read);
    });
    worker.on('error', () => settle(undefined));
    worker.on('exit', () => settle(undefined));
    const jobs: ReadJobs = { reads: descriptors, ...(hints === undefined ? {} : { hints }) };
    worker.postMessage(jobs);
  });
}
