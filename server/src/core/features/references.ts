import { isMagicVariable } from '../jinja/magic';
import type { EnvironmentView } from '../rules/view';
import type { Position, Range } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { overlaps } from './chainIndex';
import { chainMembers, dedupe, location } from './definition';
import { appOccurrences, groupDefinitions, groupOccurrences, streamOccurrences, variableDefinitions, variableReferences, type Occurrence } from './names';
import { symbolAt, type NameSymbol } from './symbolAt';
import type { Location, TextEdit, WorkspaceEdit } from './types';

/** Every place that names the app, stream, group or variable under the cursor; for a port or a Service, its chain. */
export function references(workspace: Workspace, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const file = workspace.file(path);
  if (!file) return [];
  const symbol = symbolAt(workspace, file, file.lines.offsetAt(position));
  if (!symbol || symbol.kind === 'key') return [];
  if (symbol.kind === 'port' || symbol.kind === 'service') {
    const here = (place: { file: FileModel; span: { start: number; end: number } }): boolean => place.file === file && overlaps(place.span, symbol.span);
    return dedupe(symbol.chains.flatMap(chainMembers))
      .filter((place) => includeDeclaration || !here(place))
      .map(location);
  }
  return occurrencesOf(workspace, symbol)
    .filter((occurrence) => includeDeclaration || !occurrence.definition)
    .map(location);
}

function occurrencesOf(workspace: Workspace, symbol: NameSymbol): Occurrence[] {
  const view = workspace.environment(symbol.env);
  if (!view) return [];
  switch (symbol.kind) {
    case 'app':
      return dedupe(appOccurrences(view, symbol.app));
    case 'stream':
      return dedupe(streamOccurrences(view, symbol.name));
    case 'group':
      return dedupe(groupOccurrences(view, symbol.name));
    case 'variable':
      return dedupe([...variableDefinitions(view, symbol.path), ...variableReferences(view, symbol.path)]);
  }
}

/** Apps, streams and groups: a letter or `_`, then letters, digits, `_` and `-`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Jinja identifiers: no `-`, which Jinja would read as a minus. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Plain scalars that YAML reads as something else than a string. */
const YAML_SPECIAL = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
const BUILTIN_GROUPS = new Set(['all', 'ungrouped']);

interface Renamable {
  readonly symbol: NameSymbol;
  readonly name: string;
  readonly view: EnvironmentView;
}

/** The name under the cursor when it can be renamed: not Ansible's own groups and variables. */
function renamable(workspace: Workspace, file: FileModel, position: Position): Renamable | undefined {
  const symbol = symbolAt(workspace, file, file.lines.offsetAt(position));
  if (!symbol || symbol.kind === 'port' || symbol.kind === 'service' || symbol.kind === 'key') return undefined;
  const view = workspace.environment(symbol.env);
  if (!view) return undefined;
  switch (symbol.kind) {
    case 'app':
      return { symbol, name: symbol.app, view };
    case 'stream':
      return { symbol, name: symbol.name, view };
    case 'group':
      return BUILTIN_GROUPS.has(symbol.name) ? undefined : { symbol, name: symbol.name, view };
    case 'variable': {
      if (isMagicVariable(symbol.path.split('.')[0] ?? '') && view.scope.lookup(symbol.path).length === 0) return undefined;
      return { symbol, name: symbol.path.split('.').pop() ?? symbol.path, view };
    }
  }
}

export function prepareRename(workspace: Workspace, path: string, position: Position): { range: Range; placeholder: string } | undefined {
  const file = workspace.file(path);
  if (!file) return undefined;
  const found = renamable(workspace, file, position);
  if (!found) return undefined;
  return { range: file.lines.rangeOf(found.symbol.span), placeholder: found.name };
}

/**
 * One edit over every file that names the thing, changing only the bytes of the name. Throws an Error, whose
 * message the editor shows, when the new name is not valid or is taken in the environment.
 */
export function rename(workspace: Workspace, path: string, position: Position, newName: string): WorkspaceEdit | undefined {
  const file = workspace.file(path);
  if (!file) return undefined;
  const found = renamable(workspace, file, position);
  if (!found) return undefined;
  const { symbol, view } = found;
  const what = symbol.kind === 'app' ? 'app' : symbol.kind === 'stream' ? 'stream' : symbol.kind === 'group' ? 'group' : 'variable';
  const pattern = symbol.kind === 'variable' ? VARIABLE : NAME;
  if (!pattern.test(newName)) {
    const rule = symbol.kind === 'variable' ? 'letters, digits and _, not starting with a digit' : 'letters, digits, _ and -, not starting with a digit or -';
    throw new Error(`"${newName}" is not a valid ${what} name: use ${rule}.`);
  }
  if (YAML_SPECIAL.test(newName)) throw new Error(`"${newName}" is not a valid ${what} name: YAML would read it as a boolean or null.`);
  if (newName === found.name) return { changes: {} };
  if (symbol.kind === 'group' && BUILTIN_GROUPS.has(newName)) throw new Error(`"${newName}" is a group Ansible defines by itself.`);
  if (taken(view, symbol, newName)) throw new Error(`A${what === 'app' ? 'n' : ''} ${what} named "${newName}" already exists in environment ${view.name}.`);

  const changes: Record<string, TextEdit[]> = {};
  const bracketed = !VARIABLE.test(newName);
  for (const occurrence of occurrencesOf(workspace, symbol)) {
    const edits = (changes[occurrence.file.path] ??= []);
    // `app.old` becomes `app['new-name']`: Jinja would read `app.new-name` as a subtraction.
    const edit =
      bracketed && occurrence.dotted
        ? { range: occurrence.file.lines.rangeOf({ start: occurrence.dotted.dot, end: occurrence.span.end }), newText: `['${newName}']` }
        : { range: occurrence.file.lines.rangeOf(occurrence.span), newText: newName };
    edits.push(edit);
  }
  return { changes };
}

function taken(view: EnvironmentView, symbol: NameSymbol, newName: string): boolean {
  switch (symbol.kind) {
    case 'app':
      return appOccurrences(view, newName).length > 0;
    case 'stream':
      return streamOccurrences(view, newName).some((occurrence) => occurrence.definition);
    case 'group':
      return groupDefinitions(view, newName).length > 0 || view.groups.has(newName);
    case 'variable':
      return view.scope.lookup([...symbol.path.split('.').slice(0, -1), newName].join('.')).length > 0;
  }
}
