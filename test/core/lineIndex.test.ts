import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/text/lineIndex';

/** Every position a user could ask about, mapped by an index. */
function positions(index: LineIndex, text: string): string {
  const mapped: string[] = [];
  for (let offset = 0; offset <= text.length; offset++) {
    const position = index.positionAt(offset);
    mapped.push(`${position.line}:${position.character}:${index.offsetAt(position)}`);
  }
  return `${index.lineCount} ${mapped.join(' ')}`;
}

describe('line index after an edit', () => {
  it('maps positions as an index built from scratch', () => {
    const piece = fc.constantFrom('a', 'b', '\n', '  ', 'port: 1\n', '\r\n', '\r', '\n\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 4 }), (pieces, at, removed, inserted) => {
        const before = pieces.join('');
        const start = at % (before.length + 1);
        const after = before.slice(0, start) + inserted.join('') + before.slice(start + removed);
        const incremental = LineIndex.after(new LineIndex(before), after);
        assert.equal(positions(incremental, after), positions(new LineIndex(after), after));
      }),
      { numRuns: 2000 },
    );
  });
});
