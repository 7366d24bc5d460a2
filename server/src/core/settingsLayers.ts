import { isRecord } from './util';

/**
 * Settings a repository's own `.kube-expose.json` may not change in an untrusted workspace: the same ones the
 * extension manifest lists under `restrictedConfigurations` (which files are read, and the size limits).
 */
const RESTRICTED = new Set(['files', 'maxFileSize', 'maxAliasCount']);

/**
 * The raw settings the editor works with when the repository has a `.kube-expose.json`: each setting the file
 * sets takes the place of the editor's (each glob list of `files` on its own), so that the editor reports what
 * the command-line checker reports in CI. Settings the file leaves out keep the editor's values.
 */
export function layeredSettings(editor: unknown, file: unknown, trusted: boolean): unknown {
  if (!isRecord(file)) return editor;
  const merged: Record<string, unknown> = isRecord(editor) ? { ...editor } : {};
  for (const [key, value] of Object.entries(file)) {
    if (!trusted && RESTRICTED.has(key)) continue;
    const current = merged[key];
    merged[key] = key === 'files' && isRecord(value) && isRecord(current) ? { ...current, ...value } : value;
  }
  return merged;
}

/** The keys of `file` that `layeredSettings` leaves out, to say so. */
export function ignoredWhenUntrusted(file: unknown): string[] {
  return isRecord(file) ? Object.keys(file).filter((key) => RESTRICTED.has(key)) : [];
}
