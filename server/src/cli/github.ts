import type { Diagnostic, Severity } from '../core/types';
import { shownPath } from './rebase';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

// GitHub's workflow commands end a property at `,` or `::` and a message at a newline: encode them.
const escapeData = (text: string): string => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string): string => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** One `::error file=...,line=...::message` line per diagnostic, which GitHub Actions shows as annotations. */
export function formatGithub(diagnostics: readonly Diagnostic[], cwd: string): string {
  return diagnostics
    .map((diagnostic) => {
      const { start, end } = diagnostic.range;
      const properties = [
        `file=${escapeProperty(shownPath(diagnostic.file, cwd))}`,
        `line=${start.line + 1}`,
        // GitHub takes columns only for an annotation on one line.
        ...(start.line === end.line ? [`col=${start.character + 1}`, `endColumn=${end.character + 1}`] : [`endLine=${end.line + 1}`]),
        `title=${escapeProperty(`kube-expose ${diagnostic.code}`)}`,
      ];
      return `::${COMMAND[diagnostic.severity]} ${properties.join(',')}::${escapeData(diagnostic.message)}\n`;
    })
    .join('');
}
