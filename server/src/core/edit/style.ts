/** How a file writes YAML, so that added text looks like the rest of it. */
export interface TextStyle {
  readonly eol: string;
  readonly indent: string;
}

export function styleOf(text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^( +)\S/m.exec(text);
  const width = indented?.[1]?.length ?? 2;
  return { eol, indent: ' '.repeat(Math.min(Math.max(width, 2), 8)) };
}

/** Lines joined with the file's line ending, each indented by `level` units plus `base`. */
export function render(lines: readonly (readonly [number, string])[], style: TextStyle, base = ''): string {
  return lines.map(([level, line]) => `${base}${style.indent.repeat(level)}${line}`).join(style.eol);
}
