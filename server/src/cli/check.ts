import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/types';
import type { Workspace } from '../core/workspace/workspace';
import { environmentName } from '../core/workspace/classify';
import { SETTINGS_FILE } from '../node/settingsFile';
import type { CheckArgs } from './args';
import { UsageError } from './exit';
import type { CheckedEnvironment } from './format';
import { loadProject } from './loadProject';
import { rebaseMessage, shownPath } from './rebase';
import type { CheckOutcome } from './report';
import { commonRoot, repositoryRoot } from './root';
import type { CliIo } from './io';

/**
 * Checks each path within its repository (so that one file or one environment still has its chain around
 * it) and keeps the problems of the given paths only; separate repositories are separate workspaces.
 */
export async function runCheck(args: CheckArgs, io: CliIo, version: string): Promise<CheckOutcome> {
  const targets = (args.paths.length ? args.paths : ['.']).map((path) => resolve(io.cwd, path));
  const kinds = targets.map((path) => {
    try {
      return { path, directory: statSync(path).isDirectory() };
    } catch {
      throw new UsageError(`cannot read ${shownPath(path, io.cwd)}`);
    }
  });
  const projects = [...new Set(kinds.map((kind) => repositoryRoot(kind.path, kind.directory)))].sort();
  const wanted = (path: string): boolean => kinds.some((kind) => path === kind.path || (kind.directory && (kind.path === sep || path.startsWith(kind.path + sep))));
  const named = kinds.filter((kind) => !kind.directory).map((kind) => kind.path);
  const workspaces: Workspace[] = [];
  for (const project of projects) {
    const cacheFile = args.cache && cacheFileOf(project, args.cache.location, io.cwd, projects.length > 1);
    workspaces.push(await loadProject(project, named, io, {}, args.reader, cacheFile ? { file: cacheFile, version } : undefined));
  }
  for (const path of named) {
    if (!workspaces.some((workspace) => workspace.file(path))) io.stderr(`kube-expose: ${shownPath(path, io.cwd)} is not a file of the chain (an inventory, group vars, proxy.yml, routes.yml or Service manifest): not checked\n`);
  }

  const environments = workspaces.flatMap((workspace) => workspace.environmentNames());
  const selected = args.env === undefined ? undefined : environments.filter((id) => id === args.env || environmentName(id) === args.env);
  if (args.env !== undefined && !selected?.length) {
    const names = [...new Set(environments.map(environmentName))];
    throw new UsageError(`no environment "${args.env}" (found: ${names.join(', ') || 'none'})`);
  }
  const inScope = (workspace: Workspace, path: string): boolean => wanted(path) && inEnvironments(workspace, path, selected, args.env);
  const diagnostics = workspaces.flatMap((workspace) =>
    [...workspace.allDiagnostics().keys()]
      .filter((path) => inScope(workspace, path))
      .sort()
      .flatMap((path) => workspace.diagnostics(path))
      .map((diagnostic) => rebaseMessage(diagnostic, workspace.root, io.cwd, (file) => workspace.file(file) !== undefined)),
  );
  let files = 0;
  let chains = 0;
  const checked: CheckedEnvironment[] = [];
  for (const workspace of workspaces) {
    // An environment counts when one of its inventory or group vars files was among the given paths.
    const touched = new Set<string>();
    for (const file of workspace.allFiles()) {
      if (!inScope(workspace, file.path)) continue;
      files++;
      if (file.env !== undefined && file.kind !== 'kubernetes') touched.add(file.env);
    }
    for (const id of workspace.environmentNames()) {
      const view = workspace.environment(id);
      if (!touched.has(id) || !view?.hasInventory()) continue;
      checked.push({ name: view.name, folder: shownPath(join(workspace.root, id), io.cwd), inventories: view.inventories.map((file) => shownPath(file.path, io.cwd)) });
      chains += workspace.chainCount(id);
    }
  }
  refuseNothingToCheck(workspaces, selected, files, targets, io);
  return { diagnostics: diagnostics satisfies Diagnostic[], roots: projects, reportRoot: commonRoot(projects, io.cwd), environments: checked, files, chains };
}

/**
 * A run that checked nothing is not a success: with neither an inventory nor a Service in the repository, or
 * none of the given paths holding a file of the chain, it stops with exit 2. With Services but no inventory it
 * goes on, saying that no chain could be checked.
 */
function refuseNothingToCheck(workspaces: readonly Workspace[], selected: readonly string[] | undefined, files: number, targets: readonly string[], io: CliIo): void {
  const inventories = workspaces.some((workspace) => workspace.environmentNames().some((id) => (!selected || selected.includes(id)) && workspace.environment(id)?.hasInventory()));
  const services = workspaces.some((workspace) => [...workspace.allFiles()].some((file) => file.kind === 'kubernetes' && file.services.length > 0));
  const given = targets.map((target) => shownPath(target, io.cwd)).join(', ');
  if (!inventories && !services) {
    throw new UsageError(
      `nothing to check in ${given}: no Ansible inventory (inventories/<env>/hosts*, inventory/, environments/<env>/, ` +
        `the inventory of ansible.cfg, or a hosts, *.ini or YAML file shaped as one) and no Kubernetes Service. Point it at the repository, or set files.inventory in ${SETTINGS_FILE}.`,
    );
  }
  if (files === 0) throw new UsageError(`nothing to check in ${given}: it holds no inventory, group vars, proxy.yml, routes.yml or Service manifest`);
  if (!inventories) {
    io.stderr(`kube-expose: no Ansible inventory found, so no chain could be checked (only the Services were). Name the inventories in ansible.cfg ([defaults] inventory) or with files.inventory in ${SETTINGS_FILE}.\n`);
  }
}

/** With --env, a file counts when it belongs to the environment, or is a Service of no environment. */
function inEnvironments(workspace: Workspace, path: string, environments: readonly string[] | undefined, name: string | undefined): boolean {
  const file = workspace.file(path);
  if (!environments || !file) return true;
  return file.kind === 'kubernetes' ? file.env === undefined || file.env === name || environments.includes(file.env) : file.env !== undefined && environments.includes(file.env);
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
