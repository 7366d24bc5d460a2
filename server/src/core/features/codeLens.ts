// Placeholder until the feature lands; keeps the build green.
import type { Workspace } from '../workspace/workspace';
import type { CodeLensEntry } from './types';

export function codeLenses(_workspace: Workspace, _path: string): CodeLensEntry[] {
  return [];
}
