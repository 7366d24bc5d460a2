import type { Position, Range } from '../types';
import type { FileModel } from '../workspace/fileModel';
import type { Workspace } from '../workspace/workspace';
import { chainMembers, location } from './definition';
import { appOccurrences, groupOccurrences, streamOccurrences, variableDefinitions, variableReferences, type Occurrence } from './occurrences';
import { targetAt, type Target } from './target';
import type { Location, TextEdit, WorkspaceEdit } from './types';

export function references(workspace: Workspace, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const file = workspace.file(path);
  if (!file) return [];
  const target = targetAt(workspace, file, file.lines.offsetAt(position));
  if (!target) return [];
  if (target.kind === 'port' || target.kind === 'service') {
    const chain = target.kind === 'port' ? target.chain : target.chain;
    return chain ? chainMembers(chain).map(location) : [];
  }
  return occurrencesOf(workspace, target)
    .filter((occurrence) => includeDeclaration || !occurrence.definition)
    .map(location);
}

function occurrencesOf(workspace: Workspace, target: Target): Occurrence[] {
  if (!('env' in target)) return [];
  const view = workspace.environment(target.env);
  if (!view) return [];
  switch (target.kind) {
    case 'app':
      return appOccurrences(view, target.app);
    case 'stream':
      return streamOccurrences(view, target.name);
    case 'group':
      return groupOccurrences(view, target.name);
    case 'variable':
      return [...variableDefinitions(view, target.path), ...variableReferences(view, target.path)];
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function renamable(workspace: Workspace, file: FileModel, position: Position): { target: Target; name: string } | undefined {
  const target = targetAt(workspace, file, file.lines.offsetAt(position));
  if (!target) return undefined;
  switch (target.kind) {
    case 'app':
      return { target, name: target.app };
    case 'stream':
    case 'group':
      return { target, name: target.name };
    case 'variable':
      return { target, name: target.path.split('.').pop() ?? target.path };
    default:
      return undefined;
  }
}

export function prepareRename(workspace: Workspace, path: string, position: Position): { range: Range; placeholder: string } | undefined {
  const file = workspace.file(path);
  if (!file) return undefined;
  const found = renamable(workspace, file, position);
  if (!found) return undefined;
  const occurrence = occurrencesOf(workspace, found.target).find((candidate) => candidate.file === file && candidate.span.start <= found.target.span.end && found.target.span.start <= candidate.span.end);
  return { range: file.lines.rangeOf(occurrence?.span ?? found.target.span), placeholder: found.name };
}

/** One edit over every file that names the thing; only the bytes of the name change. */
export function rename(workspace: Workspace, path: string, position: Position, newName: string): WorkspaceEdit | undefined {
  const file = workspace.file(path);
  if (!file) return undefined;
  const found = renamable(workspace, file, position);
  if (!found || !('env' in found.target)) return undefined;
  const target = found.target;
  const pattern = target.kind === 'variable' ? VARIABLE : NAME;
  if (!pattern.test(newName)) throw new Error(`"${newName}" is not a valid ${target.kind} name.`);
  if (newName === found.name) return { changes: {} };
  const view = workspace.environment(target.env);
  if (!view) return undefined;
  const taken =
    target.kind === 'app'
      ? appOccurrences(view, newName).length > 0
      : target.kind === 'stream'
        ? streamOccurrences(view, newName).some((occurrence) => occurrence.definition)
        : target.kind === 'group'
          ? view.groups.has(newName)
          : view.scope.lookup([...target.path.split('.').slice(0, -1), newName].join('.')).length > 0;
  if (taken) throw new Error(`${target.kind === 'app' ? 'An app' : target.kind === 'stream' ? 'A stream' : target.kind === 'group' ? 'A group' : 'A variable'} named "${newName}" already exists in environment ${view.name}.`);
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrencesOf(workspace, target)) {
    const edits = (changes[occurrence.file.path] ??= []);
    const range = occurrence.file.lines.rangeOf(occurrence.span);
    if (!edits.some((edit) => edit.range.start.line === range.start.line && edit.range.start.character === range.start.character)) edits.push({ range, newText: newName });
  }
  return { changes };
}
