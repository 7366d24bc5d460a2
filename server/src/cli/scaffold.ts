import { isAbsolute, relative, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { unifiedDiff } from '../core/edit/diff';
import { scaffold, ScaffoldError, type ScaffoldOptions } from '../core/edit/scaffold';
import type { Workspace } from '../core/workspace/workspace';
import { preview, write, type FileChange } from '../node/applyEdit';
import type { ScaffoldArgs } from './args';
import { EXIT, UsageError } from './exit';
import { loadProject } from './loadProject';
import { optional } from '../core/util';
import { shownPath } from './rebase';
import { repositoryRoot } from './root';
import type { CliIo } from './io';

const MODES = ['http', 'tcp'] as const;

export async function runScaffold(args: ScaffoldArgs, io: CliIo): Promise<number> {
  const given = resolve(io.cwd, args.root);
  let directory: boolean;
  try {
    directory = statSync(given).isDirectory();
  } catch {
    throw new UsageError(`cannot read ${shownPath(given, io.cwd)}`);
  }
  if (!directory) throw new UsageError(`${shownPath(given, io.cwd)} is not a folder: ROOT is the repository to add the app to`);
  const root = repositoryRoot(given, true);
  const options: ScaffoldOptions = { ...scaffoldOptions(args.options), ...optional('chart', chartOf(root, io.cwd, args.options['chart'])) };
  const workspace = await loadProject(root, [], io);
  let changes: FileChange[];
  try {
    changes = preview(scaffold(workspace, options).edit);
  } catch (error) {
    if (error instanceof ScaffoldError && error.invalid) throw new UsageError(`scaffold: ${error.message}`);
    if (!(error instanceof Error)) throw error;
    io.stderr(`kube-expose: scaffold refused: ${error.message}\n`);
    return EXIT.problems;
  }
  const refused = schemaProblems(workspace, changes, io.cwd);
  if (refused.length) throw new UsageError(`scaffold would write what the schemas refuse, nothing was written:\n${refused.join('\n')}`);
  if (args.dryRun) {
    for (const change of changes) io.stdout(unifiedDiff(shownPath(change.path, io.cwd), change.before, change.after));
    return EXIT.ok;
  }
  write(changes);
  for (const change of changes) io.stdout(`${change.before === undefined ? 'created' : 'updated'} ${shownPath(change.path, io.cwd)}\n`);
  return EXIT.ok;
}

/** The options as numbers and names, or a usage error naming the option and what it accepts. */
function scaffoldOptions(given: Readonly<Record<string, string>>): ScaffoldOptions {
  const port = (name: string): number | undefined => {
    const value = given[name];
    if (value === undefined) return undefined;
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= 1 && number <= 65535)) throw new UsageError(`--${name} must be a port number from 1 to 65535 (not "${value}")`);
    return number;
  };
  const mode = given['mode'];
  const known = MODES.find((name) => name === mode);
  if (mode !== undefined && !known) throw new UsageError(`--mode must be one of ${MODES.join(', ')} (not "${mode}")`);
  return {
    env: given['env'] ?? '',
    app: given['app'] ?? '',
    ...optional('namespace', given['namespace']),
    ...optional('targetPort', port('target-port')),
    ...optional('nodePort', port('node-port')),
    ...optional('port', port('port')),
    ...optional('location', given['location']),
    ...optional('mode', known),
    ...optional('balance', given['balance']),
  };
}

/**
 * What `check` would report against the schemas in the files the scaffold writes, and did not before: a value
 * such as `--balance foo` is refused with the values the schema allows, rather than written for the next check
 * to find.
 */
function schemaProblems(workspace: Workspace, changes: readonly FileChange[], cwd: string): string[] {
  const key = (diagnostic: { code: string; message: string }): string => `${diagnostic.code}\0${diagnostic.message}`;
  const problems: string[] = [];
  for (const change of changes) {
    const before = new Set(workspace.diagnostics(change.path).map(key));
    workspace.update(change.path, { text: change.after });
    for (const diagnostic of workspace.diagnostics(change.path)) {
      if ((diagnostic.code !== 'schema' && diagnostic.code !== 'yaml-syntax') || before.has(key(diagnostic))) continue;
      problems.push(`${shownPath(change.path, cwd)}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} - ${diagnostic.message}`);
    }
  }
  return problems;
}

/** `--chart` as typed in the shell (from the current folder), made relative to ROOT as the scaffold reads it. */
function chartOf(root: string, cwd: string, typed: string | undefined): string | undefined {
  if (typed === undefined) return undefined;
  const absolute = resolve(cwd, typed);
  const fromRoot = relative(root, absolute);
  return existsSync(absolute) && !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot.split(sep).join('/') || '.' : typed;
}
