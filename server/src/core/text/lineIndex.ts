import type { Position, Range, Span } from '../types';
import { firstIndexWhere } from '../util';
import { changeBetween, type TextChange } from './change';

/** Maps offsets to line/character positions; treats \n, \r\n and \r as line breaks, as LSP does. */
export class LineIndex {
  private readonly lineStarts: Int32Array;
  private readonly hasCarriageReturn: boolean;

  /**
   * The index of `text`, reusing `previous` (the index of an earlier version) for what the edit left alone:
   * a keystroke in a 25,000-line file re-reads only the changed region, not every line.
   */
  static after(previous: LineIndex | undefined, text: string, change?: TextChange): LineIndex {
    if (previous?.text === text) return previous;
    if (!previous || previous.hasCarriageReturn) return new LineIndex(text);
    const before = previous.text;
    const { prefix, suffix } = change?.before === before ? change : changeBetween(before, text);
    if (text.slice(prefix, text.length - suffix).includes('\r')) return new LineIndex(text);
    const delta = text.length - before.length;
    const old = previous.lineStarts;
    // Lines starting at or before the first changed character are unchanged; those after the change move.
    const kept = firstAfter(old, prefix);
    const added: number[] = [];
    for (let at = text.indexOf('\n', prefix); at >= 0 && at < text.length - suffix; at = text.indexOf('\n', at + 1)) added.push(at + 1);
    const moved = firstAfter(old, before.length - suffix);
    const starts = new Int32Array(kept + added.length + old.length - moved);
    starts.set(old.subarray(0, kept));
    starts.set(added, kept);
    const base = kept + added.length - moved;
    for (let index = moved; index < old.length; index++) starts[base + index] = (old[index] ?? 0) + delta;
    return new LineIndex(text, starts);
  }

  constructor(
    private readonly text: string,
    known?: Int32Array,
  ) {
    this.hasCarriageReturn = known ? false : text.indexOf('\r') >= 0;
    if (known) {
      this.lineStarts = known;
      return;
    }
    const starts = [0];
    // Most files have no \r: finding each \n natively is several times faster than reading every character.
    if (!this.hasCarriageReturn) {
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.lineStarts = Int32Array.from(starts);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = Int32Array.from(starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The zero-based line of an offset (as `positionAt(offset).line`, without making a position). */
  lineAt(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const low = this.lineAt(clamped);
    // An offset inside a line break (between \r and \n, say) belongs to the end of the line's content.
    return { line: low, character: Math.min(clamped, this.contentEnd(low)) - (this.lineStarts[low] ?? 0) };
  }

  /** Where a line's content ends, before its line break. */
  private contentEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    return next - (this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1);
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line] ?? 0;
    return Math.max(start, Math.min(start + position.character, this.contentEnd(position.line)));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] ?? 0;
  }
}

/** The index of the first value greater than `offset` in sorted `values`. */
function firstAfter(values: Int32Array, offset: number): number {
  return firstIndexWhere(values.length, (index) => (values[index] ?? 0) > offset);
}
