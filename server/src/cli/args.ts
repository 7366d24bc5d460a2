import { COLD_READERS, type ColdReader } from '../core/settings';
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckArgs {
  readonly command: 'check';
  readonly paths: readonly string[];
  readonly format: Format;
  readonly env?: string;
  /** Set by --cache or --cache-location: where to keep what a run reads, for the next run. */
  readonly cache?: { readonly location?: string };
  /** `--reader`: how files are read (the settings' `coldReader` otherwise). */
  readonly reader?: ColdReader;
}

export interface ScaffoldArgs {
  readonly command: 'scaffold';
  readonly root: string;
  readonly dryRun: boolean;
  readonly options: Record<string, string>;
}

export type ParsedArgs = CheckArgs | ScaffoldArgs | { readonly command: 'help' } | { readonly command: 'version' } | { readonly command: 'error'; readonly message: string };

const SCAFFOLD_OPTIONS = ['env', 'app', 'namespace', 'target-port', 'location', 'node-port', 'port', 'mode', 'balance', 'chart'];
/** What a chart's Service template decides: asked only for a plain manifest. */
const MANIFEST_ONLY = ['namespace', 'target-port', 'port'];

export const USAGE = `Usage: kube-expose check [PATH...] [--format text|json|sarif|github] [--env NAME] [--reader fast|yaml]
                         [--cache] [--cache-location PATH]
       kube-expose scaffold [ROOT] --env NAME --app NAME --namespace NS --target-port N
                            [--location /path/] [--node-port N] [--port N] [--mode http|tcp]
                            [--balance ALGO] [--dry-run]
       kube-expose scaffold [ROOT] --env NAME --app NAME --chart PATH [--location /path/]
                            [--node-port N] [--mode http|tcp] [--balance ALGO] [--dry-run]

check     Checks that Nginx routes, HAProxy group vars and Kubernetes NodePort Services agree.
          PATH defaults to the current folder. Exit status: 0 without errors, 1 with at least
          one error-severity diagnostic, 2 on bad usage or an unreadable path.
          --format sarif writes SARIF 2.1.0 for code scanning; --format github writes
          GitHub Actions annotations (::error file=...::message).
          --reader yaml reads every file with the yaml package alone (by default, from 200 files
          on, the fast reader reads the files it fully accepts, with the same results).
          --cache keeps what each file gave in node_modules/.cache/kube-expose/ (or in
          --cache-location PATH, a file, or a folder when it ends with /), so that the next run
          reads again only the files that changed.
scaffold  Exposes a new app: writes its Service manifest, HAProxy entry, Nginx route and stream,
          and app.<name>.port, only adding to existing files. With --chart PATH (a Helm chart's
          folder), the node port goes into the chart's values file (the environment's, else
          values.yaml) instead of a new manifest. --dry-run prints a unified diff instead.
          Exit status: 0 when done, 1 when refused (nothing is written), 2 on bad usage.
`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command === 'scaffold') return parseScaffold(rest);
  if (command !== 'check') return { command: 'error', message: `unknown command "${command}"` };
  const paths: string[] = [];
  let format: Format = 'text';
  let env: string | undefined;
  let cache: { location?: string } | undefined;
  let reader: ColdReader | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--format') {
      const chosen = value();
      const known = FORMATS.find((name) => name === chosen);
      if (!known) return { command: 'error', message: `--format must be ${FORMATS.join(', ')}` };
      format = known;
    } else if (flag === '--env') {
      const chosen = value();
      if (!chosen) return { command: 'error', message: '--env needs an environment name' };
      env = chosen;
    } else if (flag === '--cache') {
      cache ??= {};
    } else if (flag === '--cache-location') {
      const chosen = value();
      if (!chosen) return { command: 'error', message: '--cache-location needs a path' };
      cache = { location: chosen };
    } else if (flag === '--reader') {
      const chosen = value();
      reader = COLD_READERS.find((name) => name === chosen);
      if (!reader) return { command: 'error', message: `--reader must be ${COLD_READERS.join(' or ')}` };
    } else if (flag === '--help' || flag === '-h') {
      return { command: 'help' };
    } else if (flag.startsWith('-') && flag !== '-') {
      return { command: 'error', message: `unknown option "${flag}"` };
    } else {
      paths.push(arg);
    }
  }
  return { command: 'check', paths, format, ...(env === undefined ? {} : { env }), ...(cache ? { cache } : {}), ...(reader === undefined ? {} : { reader }) };
}

function parseScaffold(rest: readonly string[]): ParsedArgs {
  const options: Record<string, string> = {};
  const roots: string[] = [];
  let dryRun = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--dry-run') {
      dryRun = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      roots.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg.slice(2), undefined];
    if (!SCAFFOLD_OPTIONS.includes(flag)) return { command: 'error', message: `unknown option "--${flag}"` };
    const value = inline ?? rest[++i];
    if (value === undefined || value.startsWith('--')) return { command: 'error', message: `--${flag} needs a value` };
    options[flag] = value;
  }
  const chart = options['chart'] !== undefined;
  for (const required of chart ? ['env', 'app'] : ['env', 'app', ...MANIFEST_ONLY.filter((name) => name !== 'port')]) if (options[required] === undefined) return { command: 'error', message: `scaffold needs --${required}` };
  const unused = chart ? MANIFEST_ONLY.find((name) => options[name] !== undefined) : undefined;
  if (unused) return { command: 'error', message: `--${unused} is not used with --chart: the chart's Service template sets it` };
  if (roots.length > 1) return { command: 'error', message: 'scaffold takes one ROOT folder' };
  return { command: 'scaffold', root: roots[0] ?? '.', dryRun, options };
}
