/** The position of the `index`-th occurrence of `needle` in `text` (plus `shift` characters), as LSP counts. */
export function positionOf(text: string, needle: string, shift = 0, index = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= index; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  const before = text.slice(0, at + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

export interface Edit {
  readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  readonly newText: string;
}

/** Applies LSP text edits to a text, last first so that earlier positions stay valid. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const offset = (position: { line: number; character: number }): number => {
    const lines = text.split('\n');
    let result = 0;
    for (let i = 0; i < position.line; i++) result += (lines[i]?.length ?? 0) + 1;
    return result + position.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
