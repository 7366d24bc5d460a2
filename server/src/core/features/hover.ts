// Placeholder until the feature lands; keeps the build green.
import type { Position } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { HoverResult } from './types';

export function hover(_workspace: Workspace, _path: string, _position: Position): HoverResult | undefined {
  return undefined;
}
