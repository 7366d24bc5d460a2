/**
 * What the fact readers need of a file's text: slices by file offset. A file parsed entry by entry hands them one
 * entry's text (see `entrySource`), so that the facts kept with an entry across edits hold no slice of the whole
 * file as it was when the entry was read: V8 keeps a sliced string's parent alive, and every entry read at
 * another version would keep another copy of the file.
 */
export interface SourceText {
  slice(start: number, end: number): string;
}

/** The text of one entry that starts at `start` in the file, sliced by file offsets. */
export function entrySource(text: string, start: number): SourceText {
  return { slice: (from, to) => text.slice(from - start, to - start) };
}

/**
 * A copy of `text` that does not share the memory of the string it was sliced from. V8 represents a long slice
 * as a view of its parent, so a kept slice of a file keeps the whole file: a concatenation flattened by a slice
 * holds only its own characters.
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}
