import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../core/settings';
import type { FileContent } from '../core/model/files';
import type { PreparedFileModel } from '../core/model/files';
import type { FileDescriptor } from '../core/workspace/prepare';
import type { Discovered, ModelWorkerData, ReadJobs, ReadResults } from './modelProtocol';
import { CLAIMED_SLICE, readClaimed } from './readAndHash';

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
    const take = inSlices(descriptors.length, (read) => {
      resolve(read);
      void worker.terminate();
    });
    worker.on('message', take);
    worker.on('error', () => take(undefined));
    worker.on('exit', () => take(undefined));
    const jobs: ReadJobs = { reads: descriptors };
    worker.postMessage(jobs);
  });
}

/** Takes a worker's slices of `count` contents (undefined: it failed), and settles once with all of them or none. */
function inSlices(count: number, settle: (read: readonly ReadAhead[] | undefined) => void): (message: ReadResults | undefined) => void {
  const read = new Array<ReadAhead>(count);
  let received = 0;
  let settled = false;
  const end = (value: readonly ReadAhead[] | undefined): void => {
    if (settled) return;
    settled = true;
    settle(value);
  };
  const take = (message: ReadResults | undefined): void => {
    if (!message || message.from < 0 || message.from + message.read.length > count) return end(undefined);
    for (const [offset, each] of message.read.entries()) read[message.from + offset] = each;
    received += message.read.length;
    for (const { index, model } of message.built) read[index] = { ...read[index], built: model ? { model } : {} };
    if (received === count) end(read);
  };
  if (count === 0) end(read);
  return take;
}

/** What a worker found in a folder (see startDiscovery), and the reading of the files the index keeps. */
export interface FoundAhead extends Discovered {
  /**
   * The contents of the found files the index keeps (those with a descriptor, in their order), read by the worker
   * and this thread together; undefined when the worker failed.
   */
  read(): Promise<readonly ReadAhead[] | undefined>;
}

/**
 * Starts a worker that finds the files under `root` and reads them, while this thread does something else: a warm
 * CLI run parses the model cache meanwhile, which took as long. Undefined when the worker failed before it found
 * them: the caller finds them itself.
 */
export function startDiscovery(settings: Settings, root: string, hints?: string, workerPath = join(__dirname, 'modelWorker.js')): Promise<FoundAhead | undefined> {
  let worker: Worker;
  const claims = new SharedArrayBuffer(4);
  try {
    const data: ModelWorkerData = { settings, discover: root, claims, ...(hints === undefined ? {} : { hints }) };
    worker = new Worker(workerPath, { workerData: data });
  } catch {
    return Promise.resolve(undefined);
  }
  // The worker's slices, held until the caller asks to read (it is parsing the cache meanwhile).
  const early: ReadResults[] = [];
  let take: ((message: ReadResults | undefined) => void) | undefined;
  // The worker ends by itself once it has read its share; its messages come before its end.
  let ended = false;
  return new Promise((resolve) => {
    worker.on('message', (message: Discovered | ReadResults) => {
      if ('found' in message) return resolve({ ...message, read: () => readWith(message.descriptors.filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined)) });
      if (take) take(message);
      else early.push(message);
    });
    const end = (): void => {
      ended = true;
      resolve(undefined);
      take?.(undefined);
    };
    worker.on('error', end);
    worker.on('exit', end);
  });

  function readWith(wanted: readonly FileDescriptor[]): Promise<readonly ReadAhead[] | undefined> {
    return new Promise((resolve) => {
      const taking = inSlices(wanted.length, (value) => {
        resolve(value);
        void worker.terminate();
      });
      for (const message of early.splice(0)) taking(message);
      // This thread's share: the slices the worker has not claimed yet.
      readClaimed(wanted, new Int32Array(claims), CLAIMED_SLICE, settings, undefined, taking);
      // A worker that ended before sending all it claimed failed: nothing more will come.
      if (ended) taking(undefined);
      else take = taking;
    });
  }
}

/** Reads and hashes the files on a worker started for them alone. */
export const readAhead = (descriptors: readonly FileDescriptor[], settings: Settings, hints?: string, workerPath?: string): Promise<readonly ReadAhead[] | undefined> =>
  startReader(settings, hints, workerPath).read(descriptors);
