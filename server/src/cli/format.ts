import type { Diagnostic } from '../core/types';
import { shownPath } from './rebase';

export function formatText(diagnostics: readonly Diagnostic[], cwd: string): string {
  return diagnostics
    .map((diagnostic) => {
      const { line, character } = diagnostic.range.start;
      return `${shownPath(diagnostic.file, cwd)}:${line + 1}:${character + 1} - ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}\n`;
    })
    .join('');
}

/** An environment as the reports list it: its name, its folder and the inventory sources it was read from. */
export interface CheckedEnvironment {
  readonly name: string;
  readonly folder: string;
  readonly inventories: readonly string[];
}

/** The stable report: paths relative to the current folder, as in every format; `root` is where they were checked. */
export function formatJson(diagnostics: readonly Diagnostic[], root: string, files: number, cwd: string, environments: readonly CheckedEnvironment[] = []): string {
  const report = {
    version: 1,
    root,
    files,
    environments,
    diagnostics: diagnostics.map((diagnostic) => ({
      file: shownPath(diagnostic.file, cwd),
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
