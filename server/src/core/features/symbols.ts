// Placeholder until the feature lands; keeps the build green.
import type { Workspace } from '../workspace/workspace';
import type { SymbolEntry, WorkspaceSymbolEntry } from './types';

export function documentSymbols(_workspace: Workspace, _path: string): SymbolEntry[] {
  return [];
}

export function workspaceSymbols(_workspace: Workspace, _query: string): WorkspaceSymbolEntry[] {
  return [];
}
