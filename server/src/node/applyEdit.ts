import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyTextEdits } from '../core/edit/applyText';
import type { WorkspaceEdit } from '../core/features/types';

export interface FileChange {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string;
}

/** What an edit would do to each file, without writing anything. */
export function preview(edit: WorkspaceEdit): FileChange[] {
  const result: FileChange[] = [];
  for (const created of edit.creates ?? []) result.push({ path: created.file, before: undefined, after: created.text });
  for (const [path, edits] of Object.entries(edit.changes)) {
    const before = readFileSync(path, 'utf8');
    // Positions count without the byte-order mark, as the index and the editor read the file.
    const bom = before.startsWith('\uFEFF') ? '\uFEFF' : '';
    result.push({ path, before, after: bom + applyTextEdits(before.slice(bom.length), edits) });
  }
  return result.sort((a, b) => a.path.localeCompare(b.path));
}

/** Writes an edit to disk; refuses, before writing anything, to create a file that exists. */
export function write(changes: readonly FileChange[]): void {
  for (const change of changes) if (change.before === undefined && existsSync(change.path)) throw new Error(`${change.path} already exists`);
  for (const change of changes) {
    mkdirSync(dirname(change.path), { recursive: true });
    writeFileSync(change.path, change.after);
  }
}
