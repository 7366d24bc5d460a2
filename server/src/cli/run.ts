import { statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/types';
import { loadWorkspace, readSettingsFile } from '../node/loadWorkspace';
import { readText } from '../node/readText';
import type { Workspace } from '../core/workspace/workspace';
import { parseArgs, USAGE } from './args';
import { formatJson, formatText, summary } from './format';

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

declare const KUBE_EXPOSE_VERSION: string | undefined;

/** Runs the command line and returns the exit status; it never writes to the checked files. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${typeof KUBE_EXPOSE_VERSION === 'string' ? KUBE_EXPOSE_VERSION : 'dev'}\n`);
    return 0;
  }
  if (args.command === 'error') {
    io.stderr(`kube-expose: ${args.message}\n\n${USAGE}`);
    return 2;
  }
  const targets = (args.paths.length ? args.paths : ['.']).map((path) => resolve(io.cwd, path));
  const kinds: { path: string; directory: boolean }[] = [];
  for (const target of targets) {
    try {
      kinds.push({ path: target, directory: statSync(target).isDirectory() });
    } catch {
      io.stderr(`kube-expose: cannot read ${target}\n`);
      return 2;
    }
  }
  const root = commonRoot(kinds.map((kind) => (kind.directory ? kind.path : dirname(kind.path))));
  const { settings, problems } = readSettingsFile(root);
  for (const problem of problems) io.stderr(`kube-expose: ${problem}; using the default\n`);

  const { workspace, discovery } = loadWorkspace(root, settings);
  const wanted = (path: string): boolean => kinds.some((kind) => path === kind.path || (kind.directory && path.startsWith(kind.path + sep)));
  // Files named on the command line are checked even when the globs would not have found them.
  for (const kind of kinds) if (!kind.directory && !workspace.file(kind.path)) workspace.stage(kind.path, readText(kind.path, settings.maxFileSize));
  workspace.commit();
  for (const skipped of discovery.skipped) io.stderr(`kube-expose: skipped ${skipped.path}: ${skipped.reason}\n`);

  if (args.env !== undefined && !workspace.environmentNames().includes(args.env)) {
    io.stderr(`kube-expose: no environment "${args.env}" (found: ${workspace.environmentNames().join(', ') || 'none'})\n`);
    return 2;
  }
  const diagnostics = collect(workspace, wanted, args.env);
  const files = [...workspace.allFiles()].filter((file) => wanted(file.path)).length;
  if (args.format === 'json') {
    io.stdout(formatJson(diagnostics, root, files));
  } else if (diagnostics.length) {
    io.stdout(formatText(diagnostics, io.cwd));
    io.stderr(summary(diagnostics, files));
  }
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
}

function collect(workspace: Workspace, wanted: (path: string) => boolean, env: string | undefined): Diagnostic[] {
  const result: Diagnostic[] = [];
  const paths = [...workspace.allDiagnostics().keys()].filter(wanted).sort();
  for (const path of paths) {
    const file = workspace.file(path);
    if (env !== undefined && file && file.env !== env && !(file.kind === 'kubernetes' && file.env === undefined)) continue;
    result.push(...workspace.diagnostics(path));
  }
  return result;
}

function commonRoot(directories: readonly string[]): string {
  const [first, ...rest] = directories;
  if (first === undefined) return process.cwd();
  let parts = first.split(sep);
  for (const directory of rest) {
    const other = directory.split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}
