import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { PreparedFileModel } from '../../server/src/core/model/files';
import { entryMarks, modelFromKeptEntries } from '../../server/src/core/workspace/keptEntries';
import { prepareModel, type FileDescriptor } from '../../server/src/core/workspace/prepare';
import { hashText } from '../../server/src/node/modelCache';
import { generatedRepository } from '../helpers/generated';
import { FIXTURES } from '../helpers/paths';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

/** Files read entry by entry: a generated repository's, and a fixture's with Jinja ports and filters. */
function files(): { descriptor: FileDescriptor; text: string }[] {
  const root = generatedRepository({ envs: 1, apps: 40, seed: 3 });
  const env = 'inventories/protobox';
  const paths: [string, FileDescriptor['kind'], string][] = [
    [join(root, env, 'webservers_pool/routes.yml'), 'routes', `${env}/webservers_pool/routes.yml`],
    [join(root, env, 'kube_gateway_pool/proxy.yml'), 'proxy', `${env}/kube_gateway_pool/proxy.yml`],
    [join(FIXTURES, 'clean-ansible-values/inventories/prod/webservers_pool/routes.yml'), 'routes', 'inventories/protobox/webservers_pool/routes.yml'],
    [join(FIXTURES, 'clean-ansible-values/inventories/prod/kube_gateway_pool/proxy.yml'), 'proxy', 'inventories/protobox/kube_gateway_pool/proxy.yml'],
    [join(FIXTURES, 'clean-ansible-values/inventories/prod/group_vars/all/apps.yml'), 'vars', 'inventories/protobox/group_vars/all/apps.yml'],
  ];
  return paths.map(([path, kind, relativePath]) => ({ descriptor: { path: `/repo/${relativePath}`, relativePath, kind, env: 'inventories/protobox' }, text: readFileSync(path, 'utf8') }));
}

/** As the cache gives it back: plain data from JSON, without its text. */
function kept(model: PreparedFileModel): Omit<PreparedFileModel, 'text'> {
  const { text, ...rest } = model;
  void text;
  return JSON.parse(JSON.stringify(rest)) as Omit<PreparedFileModel, 'text'>;
}

const PIECES = ['\n', '  ', ':', '- ', '#', '1', '3016', 'port: ', 'name: ', 'pgadmin4:\n', '\nextra:\n  port: 30001\n', '{{ app.pgadmin4.port }}', '"', '---\n', '&a ', '*a', '\n# note\n', '\n#'];
// Text anywhere, or a digit changed (a port, as users edit them most): the file then mostly stays valid.
const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 30 }), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), digit: fc.boolean() });

describe('a changed file built from the entries kept of its last version', () => {
  for (const [reader, settings] of [['fast', DEFAULT_SETTINGS], ['yaml', { ...DEFAULT_SETTINGS, coldReader: 'yaml' as const }]] as const) {
  it(`gives the model building it whole gives, or declines, with the ${reader} reader (fast-check)`, (t) => {
    let reused = 0;
    let declined = 0;
    for (const { descriptor, text } of files()) {
      const before = prepareModel(descriptor, { text }, settings);
      assert.ok(before, descriptor.relativePath);
      const marks = entryMarks(before, hashText, 0);
      assert.ok(marks, `${descriptor.relativePath} is marked`);
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
          let changed = text;
          for (const { at, length, text: inserted, digit } of edits) {
            const digits = digit ? [...changed.matchAll(/\d/g)] : [];
            const match = digits[at % Math.max(1, digits.length)];
            if (match?.index !== undefined) {
              changed = `${changed.slice(0, match.index)}${(Number(match[0]) + 1) % 10}${changed.slice(match.index + 1)}`;
              continue;
            }
            const offset = at % (changed.length + 1);
            changed = `${changed.slice(0, offset)}${inserted}${changed.slice(offset + length)}`;
          }
          const built = modelFromKeptEntries(descriptor, { text: changed }, settings, kept(before), marks, hashText);
          if (built === undefined) {
            declined++;
            return;
          }
          reused++;
          assert.deepEqual(built, prepareModel(descriptor, { text: changed }, settings));
          // The marks it kept while building are the ones its text gives (a copy is marked afresh).
          assert.deepEqual(entryMarks(built, hashText, 0), entryMarks({ ...built }, hashText, 0));
        }),
        { numRuns: RUNS },
      );
    }
    t.diagnostic(`${reused} rebuilt from kept entries, ${declined} declined`);
    // Random text mostly makes a file with problems, which is declined; changed digits mostly do not. A rebuild
    // that declined every file would prove nothing.
    assert.ok(reused > (reused + declined) / 4, `${reused} rebuilt from kept entries, ${declined} declined`);
  });
  }

  it('marks only a large file read entry by entry without problems', () => {
    const [routes] = files();
    assert.ok(routes);
    const model = prepareModel(routes.descriptor, { text: routes.text }, DEFAULT_SETTINGS);
    assert.ok(model);
    assert.equal(entryMarks(model, hashText), undefined, 'a small file is built whole again');
    assert.ok(entryMarks(model, hashText, 0));
    const broken = prepareModel(routes.descriptor, { text: `${routes.text}\nbad: [\n` }, DEFAULT_SETTINGS);
    assert.ok(broken && broken.problems.length > 0);
    assert.equal(entryMarks(broken, hashText, 0), undefined);
  });
});
