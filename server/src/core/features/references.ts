// Placeholder until the feature lands; keeps the build green.
import type { Position, Range } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { Location, WorkspaceEdit } from './types';

export function references(_workspace: Workspace, _path: string, _position: Position, _includeDeclaration: boolean): Location[] {
  return [];
}

export function prepareRename(_workspace: Workspace, _path: string, _position: Position): { range: Range; placeholder: string } | undefined {
  return undefined;
}

export function rename(_workspace: Workspace, _path: string, _position: Position, _newName: string): WorkspaceEdit | undefined {
  return undefined;
}
