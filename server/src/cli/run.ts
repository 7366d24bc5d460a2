import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/types';
import { SETTINGS_FILE } from '../node/settingsFile';
import { loadProject } from './loadProject';
import type { Workspace } from '../core/workspace/workspace';
import { environmentName } from '../core/workspace/classify';
import { parseArgs, USAGE } from './args';
import { runScaffold } from './scaffold';
import { formatJson, formatText, summary, type CheckedEnvironment } from './format';
import { formatGithub } from './github';
import { formatSarif } from './sarif';
import type { CliIo } from './io';

export type { CliIo };

declare const KUBE_EXPOSE_VERSION: string | undefined;

function version(): string {
  return typeof KUBE_EXPOSE_VERSION === 'string' ? KUBE_EXPOSE_VERSION : 'dev';
}

/** Runs the command line and returns the exit status; it never writes to the checked files. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (args.command === 'error') {
    io.stderr(`kube-expose: ${args.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'scaffold') return runScaffold(args, io);
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
  // Each path is checked within its repository, so that a single file still has its chain around it;
  // separate repositories are separate workspaces, so their Services never collide.
  const projects = [...new Set(kinds.map((kind) => projectRootOf(kind.path, kind.directory)))].sort();
  const root = commonRoot(projects);
  const wanted = (path: string): boolean => kinds.some((kind) => path === kind.path || (kind.directory && path.startsWith(kind.path + sep)));
  const named = kinds.filter((kind) => !kind.directory).map((kind) => kind.path);
  const workspaces: Workspace[] = [];
  for (const project of projects) {
    const cacheFile = args.cache && cacheFileOf(project, args.cache.location, io.cwd, projects.length > 1);
    workspaces.push(await loadProject(project, named, io, {}, args.reader, cacheFile ? { file: cacheFile, version: version() } : undefined));
  }

  const environments = workspaces.flatMap((workspace) => workspace.environmentNames());
  const selected = args.env === undefined ? undefined : environments.filter((id) => id === args.env || environmentName(id) === args.env);
  if (args.env !== undefined && !selected?.length) {
    const names = [...new Set(environments.map(environmentName))];
    io.stderr(`kube-expose: no environment "${args.env}" (found: ${names.join(', ') || 'none'})\n`);
    return 2;
  }
  const diagnostics = workspaces.flatMap((workspace) => collect(workspace, wanted, selected, args.env));
  const files = workspaces.reduce((count, workspace) => count + [...workspace.allFiles()].filter((file) => wanted(file.path)).length, 0);
  const checked = checkedEnvironments(workspaces, root, selected);
  const scope = { environments: checked.length, chains: workspaces.reduce((count, workspace) => count + workspace.environmentNames().filter((id) => !selected || selected.includes(id)).reduce((sum, id) => sum + workspace.chains(id).length, 0), 0) };
  const services = workspaces.some((workspace) => [...workspace.allFiles()].some((file) => file.kind === 'kubernetes' && file.services.length > 0));
  if (checked.length === 0 && !services) {
    io.stderr(
      `kube-expose: nothing to check in ${targets.map((target) => relative(io.cwd, target) || '.').join(', ')}: no Ansible inventory (inventories/<env>/hosts*, inventory/, environments/<env>/, ` +
        `or the inventory of ansible.cfg) and no Kubernetes Service. Point it at the repository, or set files.inventory in ${SETTINGS_FILE}.\n`,
    );
    return 2;
  }
  if (checked.length === 0) {
    io.stderr(`kube-expose: no Ansible inventory found, so no chain could be checked (only the Services were). Name the inventories in ansible.cfg ([defaults] inventory) or with files.inventory in ${SETTINGS_FILE}.\n`);
  }
  if (args.format === 'json') {
    io.stdout(formatJson(diagnostics, root, files, checked));
  } else if (args.format === 'sarif') {
    io.stdout(formatSarif(diagnostics, root, version()));
  } else if (args.format === 'github') {
    io.stdout(formatGithub(diagnostics, io.cwd));
    io.stderr(summary(diagnostics, files, scope));
  } else {
    io.stdout(formatText(diagnostics, io.cwd));
    io.stderr(summary(diagnostics, files, scope));
  }
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
}

/** The environments that have an inventory, with the sources they were read from (relative to the root). */
function checkedEnvironments(workspaces: readonly Workspace[], root: string, selected: readonly string[] | undefined): CheckedEnvironment[] {
  const result: CheckedEnvironment[] = [];
  for (const workspace of workspaces) {
    for (const id of workspace.environmentNames()) {
      const view = workspace.environment(id);
      if (!view?.hasInventory() || (selected && !selected.includes(id))) continue;
      result.push({ name: view.name, folder: relative(root, join(workspace.root, id)) || '.', inventories: view.inventories.map((file) => relative(root, file.path)) });
    }
  }
  return result;
}

function collect(workspace: Workspace, wanted: (path: string) => boolean, environments: readonly string[] | undefined, name: string | undefined): Diagnostic[] {
  const result: Diagnostic[] = [];
  const paths = [...workspace.allDiagnostics().keys()].filter(wanted).sort();
  for (const path of paths) {
    const file = workspace.file(path);
    if (environments && file) {
      const inside = file.kind === 'kubernetes' ? file.env === undefined || file.env === name || environments.includes(file.env) : file.env !== undefined && environments.includes(file.env);
      if (!inside) continue;
    }
    result.push(...workspace.diagnostics(path));
  }
  return result;
}

/**
 * What to load around a path: a folder is taken as given; a file is checked within its repository (the
 * folder holding its `inventories/`, else the nearest folder with .kube-expose.json or .git).
 */
function projectRootOf(path: string, directory: boolean): string {
  if (directory) return path;
  const inventories = path.lastIndexOf(`${sep}inventories${sep}`);
  if (inventories > 0) return path.slice(0, inventories);
  for (let current = dirname(path); dirname(current) !== current; current = dirname(current)) {
    if (existsSync(join(current, SETTINGS_FILE)) || existsSync(join(current, '.git'))) return current;
  }
  return dirname(path);
}

/**
 * Where a project's cache is kept: PATH itself, or a file in it when it is a folder (ends with a separator or
 * exists as one); by default a file in node_modules/.cache/kube-expose/ of the current folder, one per project.
 */
function cacheFileOf(project: string, location: string | undefined, cwd: string, several: boolean): string {
  const name = `check-${createHash('sha1').update(project).digest('hex').slice(0, 12)}.cache`;
  if (location === undefined) return join(cwd, 'node_modules', '.cache', 'kube-expose', name);
  const path = resolve(cwd, location);
  const folder = location.endsWith('/') || location.endsWith(sep) || (existsSync(path) && statSync(path).isDirectory());
  if (folder) return join(path, name);
  return several ? `${path}-${name}` : path;
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
