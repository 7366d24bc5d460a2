/** Where the command line reads its working folder and writes its output: the process, or a test. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The file worker threads start from; by default modelWorker.js next to the running bundle. */
  readonly workerPath?: string;
  /** Told how many worker threads were started for the file models, and how many files were built on this thread instead. */
  readonly onThreads?: (workers: number, onMainThread: number) => void;
}
