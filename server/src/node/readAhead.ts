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

/** A worker started before the files are known, to read and hash them once they are. */
export interface Reader {
  /** The files' contents, in their order; undefined when the worker failed: the caller reads the files itself. */
  read(descriptors: readonly FileDescriptor[]): Promise<readonly ReadAhead[] | undefined>;
  /** No files to read after all (too few to be worth a thread). */
  cancel(): void;
}

/**
 * Starts the worker that reads and hashes the files while this thread does something else (a warm start parses
 * the model cache meanwhile: on two cores, the reading then costs nothing). Started before discovery, so that
 * loading the worker's code and the hints file overlaps it: on a warm start the worker is otherwise the last to
 * finish.
 */
export function startReader(settings: Settings, hints?: string, workerPath = join(__dirname, 'modelWorker.js')): Reader {
  let worker: Worker | undefined;
  try {
    const data: ModelWorkerData = { settings, ...(hints === undefined ? {} : { hints }) };
    worker = new Worker(workerPath, { workerData: data });
  } catch {
    worker = undefined;
  }
  const started = worker;
  return {
    read: (descriptors) => (started ? readOn(started, descriptors) : Promise.resolve(undefined)),
    cancel: () => void started?.terminate(),
  };
}

function readOn(worker: Worker, descriptors: readonly FileDescriptor[]): Promise<readonly ReadAhead[] | undefined> {
  return new Promise((resolve) => {
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
    const jobs: ReadJobs = { reads: descriptors };
    worker.postMessage(jobs);
  });
}

/** Reads and hashes the files on a worker started for them alone. */
export const readAhead = (descriptors: readonly FileDescriptor[], settings: Settings, hints?: string, workerPath?: string): Promise<readonly ReadAhead[] | undefined> =>
  startReader(settings, hints, workerPath).read(descriptors);
