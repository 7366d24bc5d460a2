// Placeholder until the feature lands; keeps the build green.
import type { Position } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { Location } from './types';

export function definition(_workspace: Workspace, _path: string, _position: Position): Location[] {
  return [];
}
