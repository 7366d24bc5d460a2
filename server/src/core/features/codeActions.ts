// Placeholder until the feature lands; keeps the build green.
import type { Diagnostic, Range } from '../types';
import type { Workspace } from '../workspace/workspace';
import type { CodeActionEntry } from './types';

export function codeActions(_workspace: Workspace, _path: string, _range: Range, _diagnostics: readonly Diagnostic[]): CodeActionEntry[] {
  return [];
}
