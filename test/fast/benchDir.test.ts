// Dev only: KX_DIR=<repo> compares every file of a generated repository.
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { discover } from '../../server/src/node/discover';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { assertSameModel, tally } from '../helpers/fastDiff';

it('dir', (t) => {
  const dir = process.env['KX_DIR'];
  if (!dir) return t.skip('no KX_DIR');
  const ws = new Workspace(dir, DEFAULT_SETTINGS);
  const found = discover(dir, (p) => ws.wants(p), (p) => ws.isExcluded(p));
  const into = tally();
  for (const path of found.files) {
    const d = ws.describe(path);
    if (!d) continue;
    assertSameModel(d.kind, d.relativePath, readFileSync(path, 'utf8'), into);
  }
  console.log(into);
});
