import { Worker } from 'node:worker_threads';
import type { Settings } from '../core/settings';
import type { FileContent } from '../core/model/files';
import { prepareModel, type FileDescriptor } from '../core/workspace/prepare';
import type { BuiltAhead, ModelJobs, ModelResults, ModelWorkerData } from './modelProtocol';

/** Below this size a changed file is built where it was read: starting a thread would cost more. */
const ASIDE_MIN_CHARS = 64 * 1024;

/**
 * Builds the changed files the reading worker finds. A large one goes to a thread of its own, started on the
 * first: the reader goes on hashing meanwhile. Built where it was read, it kept the reader busy past the end of
 * the cache's parse, so that a warm start with one large file changed waited for it.
 */
export class BuildAside {
  private readonly built: BuiltAhead[] = [];
  private readonly aside = new Map<number, { readonly descriptor: FileDescriptor; readonly content: FileContent }>();
  private worker: Worker | undefined;
  private failed = false;
  private done: Promise<void> | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly workerPath: string | undefined,
  ) {}

  get count(): number {
    return this.built.length + this.aside.size;
  }

  build(index: number, descriptor: FileDescriptor, content: FileContent): void {
    if (content.text.length >= ASIDE_MIN_CHARS && this.send(index, descriptor, content)) return;
    this.built.push(this.here(index, descriptor, content));
  }

  /** Every file given to `build`, built; one whose thread failed is built here. */
  async results(): Promise<BuiltAhead[]> {
    if (this.aside.size > 0) await this.done;
    for (const [index, { descriptor, content }] of this.aside) this.built.push(this.here(index, descriptor, content));
    this.aside.clear();
    return this.built;
  }

  private here(index: number, descriptor: FileDescriptor, content: FileContent): BuiltAhead {
    const model = prepareModel(descriptor, content, this.settings);
    return model ? { index, model } : { index };
  }

  private send(index: number, descriptor: FileDescriptor, content: FileContent): boolean {
    if (this.failed || this.workerPath === undefined) return false;
    try {
      this.worker ??= this.start(this.workerPath);
    } catch {
      this.failed = true;
      return false;
    }
    this.aside.set(index, { descriptor, content });
    const jobs: ModelJobs = { jobs: [{ index, descriptor, content }] };
    this.worker.postMessage(jobs);
    return true;
  }

  private start(workerPath: string): Worker {
    const data: ModelWorkerData = { settings: this.settings };
    const worker = new Worker(workerPath, { workerData: data });
    this.done = new Promise<void>((resolve) => {
      const stop = (): void => {
        this.failed = true;
        resolve();
      };
      worker.on('message', (message: ModelResults) => {
        for (const result of message.results) {
          // An error is built again here (see results), as parallelModels.ts does.
          if (result.error !== undefined || !this.aside.delete(result.index)) continue;
          this.built.push(result.model ? { index: result.index, model: result.model } : { index: result.index });
        }
        if (this.aside.size === 0) resolve();
      });
      worker.on('error', stop);
      worker.on('exit', stop);
    });
    return worker;
  }
}
