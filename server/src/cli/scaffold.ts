import { isAbsolute, relative, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { unifiedDiff } from '../core/edit/diff';
import { scaffold, ScaffoldError, type ScaffoldOptions } from '../core/edit/scaffold';
import { preview, write } from '../node/applyEdit';
import type { ScaffoldArgs } from './args';
import { loadProject } from './loadProject';
import { optional } from '../core/util';
import type { CliIo } from './io';

export async function runScaffold(args: ScaffoldArgs, io: CliIo): Promise<number> {
  const root = resolve(io.cwd, args.root);
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
  } catch {
    io.stderr(`kube-expose: cannot read ${root}\n`);
    return 2;
  }
  const number = (name: string): number | undefined => {
    const value = args.options[name];
    return value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  };
  const numbers = ['target-port', 'node-port', 'port'].filter((name) => Number.isNaN(number(name)));
  if (numbers.length) {
    io.stderr(`kube-expose: --${numbers[0] ?? ''} must be a number\n`);
    return 2;
  }
  const mode = args.options['mode'];
  if (mode !== undefined && mode !== 'http' && mode !== 'tcp') {
    io.stderr('kube-expose: --mode must be http or tcp\n');
    return 2;
  }
  const workspace = await loadProject(root, [], io);
  const options: ScaffoldOptions = {
    env: args.options['env'] ?? '',
    app: args.options['app'] ?? '',
    ...optional('namespace', args.options['namespace']),
    ...optional('targetPort', number('target-port')),
    ...optional('chart', chartOf(root, io.cwd, args.options['chart'])),
    ...optional('nodePort', number('node-port')),
    ...optional('port', number('port')),
    ...(args.options['location'] !== undefined ? { location: args.options['location'] } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(args.options['balance'] !== undefined ? { balance: args.options['balance'] } : {}),
  };
  try {
    const result = scaffold(workspace, options);
    const changes = preview(result.edit);
    if (args.dryRun) {
      for (const change of changes) io.stdout(unifiedDiff(relative(root, change.path), change.before, change.after));
      return 0;
    }
    write(changes);
    for (const change of changes) io.stdout(`${change.before === undefined ? 'created' : 'updated'} ${relative(io.cwd, change.path)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ScaffoldError) && !(error instanceof Error)) throw error;
    io.stderr(`kube-expose: scaffold refused: ${error.message}\n`);
    return 1;
  }
}

/** `--chart` as typed in the shell (from the current folder), made relative to ROOT as the scaffold reads it. */
function chartOf(root: string, cwd: string, typed: string | undefined): string | undefined {
  if (typed === undefined) return undefined;
  const absolute = resolve(cwd, typed);
  const fromRoot = relative(root, absolute);
  return existsSync(absolute) && !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot.split(sep).join('/') || '.' : typed;
}
