import { argv } from 'node:process';
import { isMainThread } from 'node:worker_threads';
import { runCli } from './run';
import { EXIT } from './exit';
import { serveModelJobs } from '../node/modelJobs';

// The one-file copy of the CLI (tools/kube-expose.js) has no modelWorker.js next to it: it starts its worker
// threads from its own file, which then serves as the worker.
if (isMainThread) startCli();
else serveModelJobs();

function startCli(): void {
  // `kube-expose check | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fail(error);
  });
  // Node exits 1 on an uncaught exception, which a CI job would read as "problems found": say it, and exit 2.
  process.on('uncaughtException', fail);
  runCli(argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // This very file, which serves as the worker too: a copy of it alone keeps its threads.
    workerPath: __filename,
    // For the test and the benchmark that check the one-file copy really uses its threads.
    ...(process.env['KUBE_EXPOSE_REPORT_THREADS'] ? { onThreads: (workers: number, onMain: number) => process.stderr.write(`kube-expose: ${workers} worker threads, ${onMain} files on the main thread\n`) } : {}),
  }).then(
    (status) => {
      process.exitCode = status;
    },
    fail,
  );
}

function fail(error: unknown): void {
  process.stderr.write(`kube-expose: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(EXIT.usage);
}
