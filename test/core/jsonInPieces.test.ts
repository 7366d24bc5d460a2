import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseJsonInPieces } from '../../server/src/core/text/jsonInPieces';
import { readLazyFactsInSteps } from '../../server/src/core/workspace/lazyFacts';
import { readSettings } from '../../server/src/core/settings';
import { prepareModel } from '../../server/src/core/workspace/prepare';
import { received, shipped } from '../../server/src/node/shippedModel';

/** The value parseJsonInPieces gives, and how many times it stopped between pieces. */
function inPieces(text: string, pieceChars?: number): { value: unknown; stops: number } {
  const steps = parseJsonInPieces(text, pieceChars);
  let stops = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, stops };
    stops++;
  }
}

const entry = (index: number, extra: Record<string, unknown> = {}) => ({
  app: `app${index}`,
  keySpan: { start: index * 100, end: index * 100 + 6 },
  stream: { name: { value: `app${index}_stream`, span: { start: 1, end: 2 } }, port: { kind: 'literal', value: 30000 + index } },
  ...extra,
});

describe('JSON parsed a piece at a time', () => {
  it('gives what JSON.parse gives for a big routes file, stopping between pieces', () => {
    const facts = { entries: Array.from({ length: 4000 }, (_, index) => entry(index)), targetGroup: { value: 'kube_gateway_pool', span: { start: 0, end: 1 } } };
    const text = JSON.stringify(facts);
    const { value, stops } = inPieces(text);
    assert.deepEqual(value, JSON.parse(text));
    assert.deepEqual(Object.keys(value as object), ['entries', 'targetGroup'], 'in the order of the text');
    assert.ok(stops >= 3, `${text.length} characters in ${stops + 1} pieces`);
  });

  it('gives what JSON.parse gives for a top-level array, and for text too short to cut', () => {
    const templates = Array.from({ length: 3000 }, (_, index) => ({ expression: `{{ app.a${index}.port }}`, span: { start: index, end: index + 1 } }));
    const text = JSON.stringify(templates);
    assert.deepEqual(inPieces(text, 1000).value, templates);
    assert.ok(inPieces(text, 1000).stops > 10);
    assert.deepEqual(inPieces('{"entries":[{"app":"a"},{"app":"b"}]}'), { value: { entries: [{ app: 'a' }, { app: 'b' }] }, stops: 0 });
  });

  it('is not misled by the mark inside a string, nor by elements that nest the same key', () => {
    const tricky = { entries: Array.from({ length: 200 }, (_, index) => entry(index, { note: '},{"app":"x"} ]}', nested: [{ app: 'inner' }, { app: 'inner2', more: [{ app: 'deep' }] }] })) };
    const text = JSON.stringify(tricky);
    for (const size of [1, 7, 50, 400, 5000]) assert.deepEqual(inPieces(text, size).value, tricky, `pieces of ${size}`);
  });

  it('keeps a first field named __proto__ as a field', () => {
    const text = `{"__proto__":[${Array.from({ length: 50 }, (_, index) => `{"app":"a${index}"}`).join(',')}],"x":1}`;
    const { value } = inPieces(text, 10);
    assert.deepEqual(value, JSON.parse(text));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  it('gives what JSON.parse gives for any JSON of the shapes it cuts (property)', () => {
    const element = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 });
    const marks = fc.constantFrom('},{"', '"}', '\\"', '],', '{"entries":[');
    const shape = fc.oneof(
      fc.array(element, { maxLength: 40 }),
      fc.record({ entries: fc.array(element, { maxLength: 40 }), rest: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({ entries: fc.array(fc.record({ app: fc.oneof(fc.string(), marks), inner: fc.array(fc.record({ app: marks }), { maxLength: 3 }) }), { maxLength: 40 }) }),
    );
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 200 }), (value, size) => {
        const text = JSON.stringify(value);
        assert.deepEqual(inPieces(text, size).value, JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a shipped model's large facts in steps, the same as at once", () => {
    const entries = Array.from({ length: 1500 }, (_, index) => `app${index}:\n  mode: http\n  address: "*"\n  port: "{{ app.app${index}.port }}"\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: ${30000 + index}\n`);
    const descriptor = { path: '/repo/inventories/prod/kube_gateway_pool/proxy.yml', relativePath: 'inventories/prod/kube_gateway_pool/proxy.yml', kind: 'proxy' as const, env: 'inventories/prod' };
    const model = prepareModel(descriptor, { text: entries.join('') }, readSettings({}));
    assert.ok(model);
    const sent = structuredClone(shipped(model));
    assert.ok(sent.texts?.proxy, 'the entries travel as text');
    const stepped = received(sent.model, sent.texts);
    const stops = [...readLazyFactsInSteps(stepped)].length;
    assert.ok(stops > 2);
    assert.deepEqual(stepped.proxy, model.proxy);
    assert.deepEqual(stepped.templates, model.templates);

    // Read at once while the steps are between two pieces: the value read first stays.
    const again = structuredClone(shipped(model));
    const halfway = received(again.model, again.texts);
    const steps = readLazyFactsInSteps(halfway);
    steps.next();
    const proxy = halfway.proxy;
    assert.ok([...steps].length > 0);
    assert.equal(halfway.proxy, proxy);
    assert.deepEqual(proxy, model.proxy);
  });
});
