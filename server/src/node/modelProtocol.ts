import type { PreparedFileModel } from '../core/workspace/fileModel';
import type { FileDescriptor } from '../core/workspace/prepare';
import type { Settings } from '../core/settings';
import type { FileContent } from '../core/model/files';

/** What a model worker is started with. */
export interface ModelWorkerData {
  readonly settings: Settings;
  /** The last run's hash of each file (see ModelCache.save), read as the worker starts: a file whose hash is another is built at once. */
  readonly hints?: string;
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
  readonly results: readonly { readonly index: number; readonly model?: PreparedFileModel; readonly error?: string }[];
}

/** Files for a worker only to read and hash (see readAhead.ts). */
export interface ReadJobs {
  readonly reads: readonly FileDescriptor[];
}

/** In the order of the paths: the content (none: the file is gone) and its hash (none: it could not be read as text). */
export interface ReadResults {
  readonly read: readonly { readonly content?: FileContent; readonly hash?: string }[];
  /** The files built at once, by their place in the paths. */
  readonly built: readonly BuiltAhead[];
}

export interface BuiltAhead {
  readonly index: number;
  readonly model?: PreparedFileModel;
}

