import { parseArgs, USAGE } from './args';
import { runCheck } from './check';
import { EXIT, UsageError } from './exit';
import { report } from './report';
import { runScaffold } from './scaffold';
import type { CliIo } from './io';

export type { CliIo };

declare const KUBE_EXPOSE_VERSION: string | undefined;

function version(): string {
  return typeof KUBE_EXPOSE_VERSION === 'string' ? KUBE_EXPOSE_VERSION : 'dev';
}

/** Runs the command line and returns the exit status (see EXIT); it never writes to the checked files. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (args.command === 'version') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  if (args.command === 'error') {
    io.stderr(`kube-expose: ${args.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    if (args.command === 'scaffold') return await runScaffold(args, io);
    return report(await runCheck(args, io, version()), args.format, io, version());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`kube-expose: ${error.message}\n`);
    return EXIT.usage;
  }
}
