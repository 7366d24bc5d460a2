import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { settingName, type Settings } from '../core/settings';
import type { PreparedFileModel } from '../core/workspace/fileModel';
import { prepareModel, type FileDescriptor } from '../core/workspace/prepare';
import type { ModelJobs, ModelResults, ModelWorkerData } from './modelProtocol';
import { readIfPresent } from './readText';
import { received } from './shippedModel';

/** Below this many files, starting workers (about 50 ms each) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;

export interface ParallelOptions {
  /** How many worker threads; by default one per core, and never more than the files allow. */
  readonly workers?: number;
  /** The bundled worker entry; by default dist/modelWorker.js, next to the bundle that runs this. */
  readonly workerPath?: string;
  /** Called as results come in, for a progress report. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called for each file built on this thread because its worker failed (or none started), with why. */
  readonly onFallback?: (path: string, reason: string) => void;
  /** Called once with how many workers started (0: every file was built on this thread). */
  readonly onWorkers?: (count: number) => void;
}

/** Small files go to a worker in groups, so that messages cost little next to the work. */
const BATCH_FILES = 64;
/** Batches sent ahead to each worker, so that it never waits for the next one. */
const IN_FLIGHT = 2;
/**
 * A worker's heap holds one batch's parse trees at a time: a bound keeps its garbage from growing the process's
 * memory. A file too large for it makes the worker fail, and that file is then built on this thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 512 };

/**
 * Reads and builds the models of `descriptors` on worker threads, as `prepareModel` would one by one on this
 * thread, and returns them in the same order. A file whose worker fails or throws is built on this thread.
 */
export function prepareModels(descriptors: readonly FileDescriptor[], settings: Settings, options: ParallelOptions = {}): Promise<(PreparedFileModel | undefined)[]> {
  const total = descriptors.length;
  const results: (PreparedFileModel | undefined)[] = new Array<PreparedFileModel | undefined>(total);
  const onMain = (index: number, reason?: string): void => {
    const descriptor = descriptors[index];
    if (descriptor && reason !== undefined) options.onFallback?.(descriptor.path, reason);
    const content = descriptor && readIfPresent(descriptor.path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
    if (descriptor && content) results[index] = prepareModel(descriptor, content, settings);
  };
  // The few large files (routes, proxy, vars) first: started last, one of them would keep a worker busy alone.
  const queue = [...descriptors.keys()].sort((a, b) => weight(descriptors[b]) - weight(descriptors[a]) || a - b);
  let next = 0;
  let done = 0;
  const take = (): number[] => {
    const batch: number[] = [];
    while (next < queue.length && batch.length < BATCH_FILES) {
      const index = queue[next] ?? 0;
      if (batch.length > 0 && weight(descriptors[index]) > 0) break;
      next++;
      batch.push(index);
      if (weight(descriptors[index]) > 0) break;
    }
    return batch;
  };

  const count = Math.max(0, Math.min(options.workers ?? availableParallelism(), Math.ceil(total / BATCH_FILES)));
  const workerPath = options.workerPath ?? join(__dirname, 'modelWorker.js');
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    /** Why the last worker failed; undefined when none did (no worker was asked for, say). */
    let failure: string | undefined;
    let alive = 0;
    let settled = false;
    const progress = (amount: number): void => {
      done += amount;
      options.onProgress?.(done, total);
    };
    const finish = (): void => {
      if (settled || done < total) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      resolve(results);
    };
    /** Runs on this thread what no worker is left to do; throws only as the sequential path would. */
    const drain = (): void => {
      for (let batch = take(); batch.length > 0; batch = take()) {
        for (const index of batch) onMain(index, failure);
        progress(batch.length);
      }
    };
    const guarded = (work: () => void): void => {
      try {
        work();
        finish();
      } catch (error) {
        settled = true;
        for (const worker of workers) void worker.terminate();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };

    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        const data: ModelWorkerData = { settings };
        worker = new Worker(workerPath, { workerData: data, resourceLimits: WORKER_LIMITS });
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        continue;
      }
      workers.push(worker);
      alive++;
      const pending = new Set<number>();
      const send = (): void => {
        const batch = take();
        if (batch.length === 0) return;
        for (const index of batch) pending.add(index);
        const message: ModelJobs = { jobs: batch.map((index) => ({ index, descriptor: descriptors[index] as FileDescriptor })) };
        worker.postMessage(message);
      };
      worker.on('message', (message: ModelResults) =>
        guarded(() => {
          if (settled) return;
          let handled = 0;
          for (const result of message.results) {
            if (!pending.delete(result.index)) continue;
            handled++;
            if (result.error !== undefined) onMain(result.index, result.error);
            else results[result.index] = result.model && received(result.model, result.texts);
          }
          progress(handled);
          send();
        }),
      );
      // An 'exit' always follows: the files are taken back there.
      worker.on('error', (error) => (failure = error.message));
      worker.on('exit', (code) =>
        guarded(() => {
          alive--;
          if (settled) return;
          // A worker that crashed (or could not start) loses no file: what it held is built here.
          if (pending.size > 0 || alive === 0) failure ??= `the worker thread exited with code ${code}`;
          for (const index of pending) onMain(index, failure);
          progress(pending.size);
          pending.clear();
          if (alive === 0) drain();
        }),
      );
      for (let ahead = 0; ahead < IN_FLIGHT; ahead++) send();
    }
    options.onWorkers?.(alive);
    if (alive === 0) guarded(drain);
    else finish();
  });
}

/** Files other than Service manifests are the few large ones. */
function weight(descriptor: FileDescriptor | undefined): number {
  return descriptor && descriptor.kind !== 'kubernetes' ? 1 : 0;
}

/** The threshold, which KUBE_EXPOSE_PARALLEL_MIN_FILES overrides (tests set it low so that workers run). */
export function parallelThreshold(): number {
  const value = Number(process.env['KUBE_EXPOSE_PARALLEL_MIN_FILES']);
  return Number.isInteger(value) && value >= 0 ? value : PARALLEL_MIN_FILES;
}

