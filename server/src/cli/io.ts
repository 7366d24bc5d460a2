/** Where the command line reads its working folder and writes its output: the process, or a test. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}
