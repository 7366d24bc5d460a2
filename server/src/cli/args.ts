export type Format = 'text' | 'json';

export interface CheckArgs {
  readonly command: 'check';
  readonly paths: readonly string[];
  readonly format: Format;
  readonly env?: string;
}

export type ParsedArgs = CheckArgs | { readonly command: 'help' } | { readonly command: 'version' } | { readonly command: 'error'; readonly message: string };

export const USAGE = `Usage: kube-expose check [PATH...] [--format text|json] [--env NAME]

Checks that Nginx routes, HAProxy group vars and Kubernetes NodePort Services agree.
PATH defaults to the current folder. Exit status: 0 without errors, 1 with at least one
error-severity diagnostic, 2 on bad usage or an unreadable path.
`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command !== 'check') return { command: 'error', message: `unknown command "${command}"` };
  const paths: string[] = [];
  let format: Format = 'text';
  let env: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--format') {
      const chosen = value();
      if (chosen !== 'text' && chosen !== 'json') return { command: 'error', message: `--format must be text or json` };
      format = chosen;
    } else if (flag === '--env') {
      const chosen = value();
      if (!chosen) return { command: 'error', message: '--env needs an environment name' };
      env = chosen;
    } else if (flag === '--help' || flag === '-h') {
      return { command: 'help' };
    } else if (flag.startsWith('-') && flag !== '-') {
      return { command: 'error', message: `unknown option "${flag}"` };
    } else {
      paths.push(arg);
    }
  }
  return { command: 'check', paths, format, ...(env === undefined ? {} : { env }) };
}
