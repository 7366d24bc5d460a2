import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nodeAt } from '../../server/src/core/features/nodeAt';
import { memoryWorkspace, ROOT } from '../helpers/memory';

const ROUTES = 'inventories/prod/webservers_pool/routes.yml';
const APPS = ['alpha', 'beta', 'gamma', 'delta', 'omega'];
const TEXT = APPS.map((app, index) => `${app}:\n  webserver:\n    - location: /${app}/\n  stream:\n    name: stream_${app}\n    port: ${30100 + index}\n    group: kube_gateway_pool\n`).join('');

/** What a hover or completion sees at an offset: the node's path, value and range. */
function seenAt(workspace: ReturnType<typeof memoryWorkspace>, offset: number): string {
  const file = workspace.file(`${ROOT}/${ROUTES}`);
  assert.ok(file);
  const found = nodeAt(file, offset);
  return JSON.stringify(found && { path: found.path, onKey: found.onKey, range: found.node.range, value: String(found.node) });
}

describe('nodes of entries moved by an edit', () => {
  it('are found where they are now, as in a workspace built on the new text', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('x', '\n', '   ', '# note\n', ''), fc.nat({ max: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (at, inserted, removed, probes) => {
        const workspace = memoryWorkspace({ [ROUTES]: TEXT });
        const start = at % TEXT.length;
        const text = TEXT.slice(0, start) + inserted + TEXT.slice(start + removed);
        workspace.update(`${ROOT}/${ROUTES}`, { text });
        const fresh = memoryWorkspace({ [ROUTES]: text });
        for (const probe of probes) {
          const offset = probe % (text.length + 1);
          assert.equal(seenAt(workspace, offset), seenAt(fresh, offset), `offset ${offset}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
