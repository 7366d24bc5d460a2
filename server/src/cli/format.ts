import { relative } from 'node:path';
import type { Diagnostic } from '../core/types';

export function formatText(diagnostics: readonly Diagnostic[], cwd: string): string {
  return diagnostics
    .map((diagnostic) => {
      const path = relative(cwd, diagnostic.file) || diagnostic.file;
      const { line, character } = diagnostic.range.start;
      return `${path}:${line + 1}:${character + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}\n`;
    })
    .join('');
}

/** An environment as the reports list it: its name, its folder and the inventory sources it was read from. */
export interface CheckedEnvironment {
  readonly name: string;
  readonly folder: string;
  readonly inventories: readonly string[];
}

export function formatJson(diagnostics: readonly Diagnostic[], root: string, files: number, environments: readonly CheckedEnvironment[] = []): string {
  const report = {
    version: 1,
    root,
    files,
    environments,
    diagnostics: diagnostics.map((diagnostic) => ({
      file: relative(root, diagnostic.file),
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      endLine: diagnostic.range.end.line + 1,
      endColumn: diagnostic.range.end.character + 1,
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What was checked besides the files: a clean run must still show that it looked at something. */
export interface CheckedScope {
  readonly environments: number;
  readonly chains: number;
}

export function summary(diagnostics: readonly Diagnostic[], files: number, scope?: CheckedScope): string {
  const count = (severity: Diagnostic['severity']): number => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const others = diagnostics.length - errors - warnings;
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  if (others) parts.push(`${others} other${others === 1 ? '' : 's'}`);
  const checked = scope ? ` (${scope.environments} environment${scope.environments === 1 ? '' : 's'}, ${scope.chains} chain${scope.chains === 1 ? '' : 's'})` : '';
  return `${parts.join(', ')} in ${files} file${files === 1 ? '' : 's'} checked${checked}.\n`;
}
