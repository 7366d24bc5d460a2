// Placeholder until the feature lands; keeps the build green.
import type { Position } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { CompletionEntry } from './types';

export function completion(_workspace: Workspace, _path: string, _position: Position): CompletionEntry[] {
  return [];
}
