import type { PreparedFileModel } from '../core/workspace/fileModel';
import type { FileDescriptor } from '../core/workspace/prepare';
import type { Settings } from '../core/settings';
import type { FileContent } from '../core/model/files';
import type { Discovery } from './discover';
import type { LazyTexts } from '../core/workspace/lazyFacts';

/** What a model worker is started with. */
export interface ModelWorkerData {
  readonly settings: Settings;
  /** The last run's hash of each file (see ModelCache.save), read as the worker starts: a file whose hash is another is built at once. */
  readonly hints?: string;
  /**
   * The folder whose files this worker finds (see Discovered) and reads as it starts, unasked, sharing the reading
   * with the caller through `claims` (see readClaimed).
   */
  readonly discover?: string;
  readonly claims?: SharedArrayBuffer;
}

/** What a worker started with `discover` found, sent before the contents it reads (ReadResults, as for ReadJobs). */
export interface Discovered {
  readonly found: Discovery;
  /**
   * Each found file's, in their order (undefined: the index does not keep it): describing them took this long on
   * the caller, which is busier.
   */
  readonly descriptors: readonly (FileDescriptor | undefined)[];
}

/** Files for a worker to read and build, by their place in the caller's list. */
export interface ModelJobs {
  readonly jobs: readonly { readonly index: number; readonly descriptor: FileDescriptor }[];
}

/**
 * One result per job: the model, nothing (the file is gone, or is not one the index keeps), or the error
 * that building it threw, for the caller to build it again on its own thread.
 */
export interface ModelResults {
  readonly results: readonly { readonly index: number; readonly model?: PreparedFileModel; readonly texts?: LazyTexts; readonly error?: string }[];
}

/** Files for a worker only to read and hash (see readAhead.ts). */
export interface ReadJobs {
  readonly reads: readonly FileDescriptor[];
}

/**
 * A slice of the paths, from `from` on, in their order: the content (none: the file is gone) and its hash (none: it
 * could not be read as text).
 */
export interface ReadResults {
  readonly from: number;
  readonly read: readonly { readonly content?: FileContent; readonly hash?: string }[];
  /** The files built at once, by their place in the paths. */
  readonly built: readonly BuiltAhead[];
}

export interface BuiltAhead {
  readonly index: number;
  readonly model?: PreparedFileModel;
}

