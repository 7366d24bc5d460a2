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
  readonly options: Readonly<Record<string, string>>;
}

export type ParsedArgs = CheckArgs | ScaffoldArgs | { readonly command: 'help' } | { readonly command: 'version' } | { readonly command: 'error'; readonly message: string };

const CHECK_OPTIONS = ['format', 'env', 'reader', 'cache-location'];
const SCAFFOLD_OPTIONS = ['env', 'app', 'namespace', 'target-port', 'location', 'node-port', 'port', 'mode', 'balance', 'chart'];
export const SCAFFOLD_REQUIRED = ['env', 'app', 'namespace', 'target-port'];
/** What a chart's Service template decides: asked only for a plain manifest. */
const MANIFEST_ONLY = ['namespace', 'target-port', 'port'];

export const USAGE = `Usage: kube-expose check [PATH...] [--format text|json|sarif|github] [--env NAME] [--reader fast|yaml]
                         [--cache] [--cache-location PATH]
       kube-expose scaffold [ROOT] --env NAME --app NAME --namespace NS --target-port N
                            [--location /path/] [--node-port N] [--port N] [--mode http|tcp]
                            [--balance ALGO] [--dry-run]
       kube-expose scaffold [ROOT] --env NAME --app NAME --chart PATH [--location /path/]
                            [--node-port N] [--mode http|tcp] [--balance ALGO] [--dry-run]
       kube-expose --help | --version

check     Checks that Nginx routes, HAProxy group vars and Kubernetes NodePort Services agree.
          PATH (a folder or a file; the current folder by default) is checked within its repository:
          the nearest folder upwards with ansible.cfg, .kube-expose.json, inventories/, inventory/
          or .git. Only the problems of the given paths are printed.
          --format sarif writes SARIF 2.1.0 for code scanning; --format github writes
          GitHub Actions annotations (::error file=...::message).
          --reader yaml reads every file with the yaml package alone (by default, from 200 files
          on, the fast reader reads the files it fully accepts, with the same results).
          --cache keeps what each file gave in node_modules/.cache/kube-expose/ (or in
          --cache-location PATH, a file, or a folder when it ends with /), so that the next run
          reads again only the files that changed.
scaffold  Exposes a new app: writes its Service manifest, HAProxy entry, Nginx route and stream,
          and app.<name>.port, only adding to existing files. --location defaults to /<app>/.
          With --chart PATH (a Helm chart's folder), the node port goes into the chart's values
          file (the environment's, else values.yaml) instead of a new manifest.
          --dry-run prints a unified diff instead.
Options may be written --name value or --name=value; -- ends the options.

Exit status: 0 done, no error found; 1 errors found (check) or refused (scaffold, nothing written);
             2 bad usage, an unreadable path or .kube-expose.json, or an internal failure.
`;

type Parsed = { flags: Map<string, string>; switches: Set<string>; positional: string[] } | { error: string };

/** Splits arguments into options (with their values), switches and positional arguments, for either command. */
function split(rest: readonly string[], options: readonly string[], switches: readonly string[]): Parsed | 'help' {
  const flags = new Map<string, string>();
  const seen = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(arg.startsWith('--') ? 2 : 1, equals < 0 ? undefined : equals);
    if (switches.includes(name) && equals < 0) {
      seen.add(name);
      continue;
    }
    if (!options.includes(name)) return { error: `unknown option "${equals < 0 ? arg : arg.slice(0, equals)}"` };
    const value = equals < 0 ? rest[i + 1] : arg.slice(equals + 1);
    // The next argument is an option, not this option's value: `--format --env prod` misses the format.
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) return { error: `--${name} is missing its value` };
    if (equals < 0) i++;
    flags.set(name, value);
  }
  return { flags, switches: seen, positional };
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command === 'scaffold') return parseScaffold(rest);
  if (command !== 'check') return { command: 'error', message: `unknown command "${command}"` };
  const parsed = split(rest, CHECK_OPTIONS, ['cache']);
  if (parsed === 'help') return { command: 'help' };
  if ('error' in parsed) return { command: 'error', message: parsed.error };
  const chosen = parsed.flags.get('format')?.toLowerCase() ?? 'text';
  const format = FORMATS.find((name) => name === chosen);
  if (!format) return { command: 'error', message: `--format must be one of ${FORMATS.join(', ')} (not "${parsed.flags.get('format') ?? ''}")` };
  const env = parsed.flags.get('env');
  const readerName = parsed.flags.get('reader');
  const reader = readerName === undefined ? undefined : COLD_READERS.find((name) => name === readerName.toLowerCase());
  if (readerName !== undefined && !reader) return { command: 'error', message: `--reader must be ${COLD_READERS.join(' or ')} (not "${readerName}")` };
  const location = parsed.flags.get('cache-location');
  const cache = location !== undefined ? { location } : parsed.switches.has('cache') ? {} : undefined;
  return { command: 'check', paths: parsed.positional, format, ...(env === undefined ? {} : { env }), ...(cache ? { cache } : {}), ...(reader === undefined ? {} : { reader }) };
}

function parseScaffold(rest: readonly string[]): ParsedArgs {
  const parsed = split(rest, SCAFFOLD_OPTIONS, ['dry-run']);
  if (parsed === 'help') return { command: 'help' };
  if ('error' in parsed) return { command: 'error', message: parsed.error };
  const chart = parsed.flags.has('chart');
  const required = chart ? ['env', 'app'] : SCAFFOLD_REQUIRED;
  const missing = required.filter((name) => !parsed.flags.has(name));
  if (missing.length) return { command: 'error', message: `scaffold needs ${missing.map((name) => `--${name}`).join(', ')}` };
  const unused = chart ? MANIFEST_ONLY.find((name) => parsed.flags.has(name)) : undefined;
  if (unused) return { command: 'error', message: `--${unused} is not used with --chart: the chart's Service template sets it` };
  if (parsed.positional.length > 1) return { command: 'error', message: 'scaffold takes one ROOT folder' };
  return { command: 'scaffold', root: parsed.positional[0] ?? '.', dryRun: parsed.switches.has('dry-run'), options: Object.fromEntries(parsed.flags) };
}
