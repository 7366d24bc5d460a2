import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readRoutes } from '../../server/src/core/model/routes';
import { splitBlocks } from '../../server/src/core/yaml/blocks';
import { parseYaml, parseYamlIncrementally } from '../../server/src/core/yaml/parse';
import { changeBetween } from '../../server/src/core/text/change';
import { EXAMPLE } from '../helpers/paths';

const ROUTES = readFileSync(join(EXAMPLE, 'inventories/protobox/webservers_pool/routes.yml'), 'utf8');
const MANY = Array.from({ length: 50 }, (_, i) => ROUTES.replaceAll('pgadmin4', `app${i}`).replaceAll('stream_vadmin', `stream_${i}`)).join('# next app\n');

const factsOf = (text: string, parsed = parseYamlIncrementally(text, undefined)): string => JSON.stringify(readRoutes(parsed.documents, text));

describe('entry-by-entry parsing', () => {
  it('gives the same ranges and facts as a whole parse', () => {
    const whole = parseYaml(MANY);
    const blocks = parseYamlIncrementally(MANY, undefined);
    assert.equal(blocks.blocks?.length, 50);
    assert.equal(factsOf(MANY, blocks), factsOf(MANY, whole));
  });

  it('reuses unchanged entries after an edit and still matches a fresh parse', () => {
    const first = parseYamlIncrementally(MANY, undefined);
    const at = MANY.indexOf('port: 30164', MANY.length / 2);
    const edited = `${MANY.slice(0, at)}port: 30165${MANY.slice(at + 'port: 30164'.length)}`;
    const second = parseYamlIncrementally(edited, first.blocks);
    const reused = second.blocks?.filter((block) => first.blocks?.some((old) => old.parsed === block.parsed)).length;
    assert.equal(reused, 49);
    assert.equal(factsOf(edited, second), factsOf(edited, parseYaml(edited)));
    const inserted = `# a new comment line\n${edited}`;
    assert.equal(factsOf(inserted, parseYamlIncrementally(inserted, second.blocks)), factsOf(inserted, parseYaml(inserted)));
  });

  it('reports a key repeated across entries', () => {
    const parsed = parseYamlIncrementally(`${ROUTES}${ROUTES}`, undefined);
    assert.deepEqual(parsed.problems.map((problem) => [problem.span.start, problem.message]), [[ROUTES.length, 'Map keys must be unique']]);
  });

  it('parses the whole file when YAML crosses entries', () => {
    assert.equal(splitBlocks('base: &b 1\nother: *b\n'), undefined);
    assert.equal(splitBlocks('a: 1\n---\nb: 2\n'), undefined);
    assert.deepEqual(splitBlocks('---\n# routes\na: 1\nb: 2\n')?.map((block) => block.text), ['a: 1\n', 'b: 2\n']);
    assert.equal(splitBlocks('- a\n- b\n'), undefined);
    assert.equal(splitBlocks('%YAML 1.2\n---\na: 1\n'), undefined);
    assert.deepEqual(splitBlocks('a:\n- 1\nb: 2\n')?.map((block) => block.text), ['a:\n- 1\n', 'b: 2\n']);
    assert.deepEqual(splitBlocks('address: "*"\nx: 1\n')?.length, 2);
  });

  it('keeps syntax errors at their place in the file', () => {
    const broken = `${ROUTES}broken: [\n${ROUTES.replace('pgadmin4', 'other')}`;
    const parsed = parseYamlIncrementally(broken, undefined);
    assert.ok(parsed.problems.length > 0);
    for (const problem of parsed.problems) assert.ok(problem.span.start >= ROUTES.length, 'the error belongs to the broken entry');
  });

  it('cuts again only around an edit, and gets the blocks of a whole cut', () => {
    const pieces = ['\n', '  ', 'x: 1\n', '# c\n', '---\n', '- a\n', 'k', ':', '&a ', '\t', ' ', '\r\n'];
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 60 }), text: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 5 })) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = `# head\n---\n${MANY}`;
        let parsed = parseYamlIncrementally(text, undefined);
        for (const { at, length, text: inserted } of edits) {
          const start = at % (text.length + 1);
          const before = text;
          text = `${text.slice(0, start)}${inserted}${text.slice(start + length)}`;
          parsed = parseYamlIncrementally(text, parsed.blocks, changeBetween(before, text));
          const whole = splitBlocks(text);
          assert.deepEqual(parsed.blocks?.map((block) => [block.start, block.text]), whole?.map((block) => [block.start, block.text]));
          if (parsed.blocks) assert.equal(factsOf(text, parsed), factsOf(text, parseYamlIncrementally(text, undefined)));
        }
      }),
      { numRuns: 60 },
    );
  });
});
