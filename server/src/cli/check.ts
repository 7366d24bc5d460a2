import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/types';
import type { Workspace } from '../core/workspace/workspace';
import { environmentName } from '../core/workspace/classify';
import type { CheckArgs } from './args';
import { UsageError } from './exit';
import { loadProject } from './loadProject';
import { rebaseMessage, shownPath } from './rebase';
import type { CheckOutcome } from './report';
import { commonRoot, repositoryRoot } from './root';
import type { CliIo } from './io';

/**
 * Checks each path within its repository (so that one file or one environment still has its chain around
 * it) and keeps the problems of the given paths only; separate repositories are separate workspaces.
 */
export async function runCheck(args: CheckArgs, io: CliIo): Promise<CheckOutcome> {
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
  for (const project of projects) workspaces.push(await loadProject(project, named, io));
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
  let environmentCount = 0;
  let chains = 0;
  for (const workspace of workspaces) {
    // An environment counts when one of its inventory or group vars files was among the given paths.
    const touched = new Set<string>();
    for (const file of workspace.allFiles()) {
      if (!inScope(workspace, file.path)) continue;
      files++;
      if (file.env !== undefined && file.kind !== 'kubernetes') touched.add(file.env);
    }
    for (const env of workspace.environmentNames()) {
      if (!touched.has(env)) continue;
      environmentCount++;
      chains += workspace.chains(env).length;
    }
  }
  return { diagnostics: diagnostics satisfies Diagnostic[], roots: projects, reportRoot: commonRoot(projects, io.cwd), environments: environmentCount, files, chains };
}

/** With --env, a file counts when it belongs to the environment, or is a Service of no environment. */
function inEnvironments(workspace: Workspace, path: string, environments: readonly string[] | undefined, name: string | undefined): boolean {
  const file = workspace.file(path);
  if (!environments || !file) return true;
  return file.kind === 'kubernetes' ? file.env === undefined || file.env === name || environments.includes(file.env) : file.env !== undefined && environments.includes(file.env);
}
