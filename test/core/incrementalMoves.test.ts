import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { memoryWorkspace, ROOT } from '../helpers/memory';

const HOSTS = 'all:\n  children:\n    kube_gateway_pool:\n      hosts:\n        gateway-1:\n    webservers_pool:\n      hosts:\n        web-1:\n';
const APPS = ['a', 'b', 'c', 'd', 'e', 'f'];

function files(): Record<string, string> {
  const port = (index: number): number => 30100 + index;
  return {
    'inventories/prod/hosts.yml': HOSTS,
    'inventories/prod/group_vars/all/apps.yml': `app:\n${APPS.map((app, index) => `  ${app}:\n    port: ${port(index)}\n`).join('')}`,
    'inventories/prod/kube_gateway_pool/proxy.yml': APPS.map(
      (app, index) => `${app}:\n  mode: http\n  address: "*"\n  port: ${index % 2 ? `"{{ app.${app}.port }}"` : port(index)}\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: "{{ app.${app}.port }}"\n    balance: roundrobin\n\n`,
    ).join(''),
    'inventories/prod/webservers_pool/routes.yml': APPS.map(
      (app, index) => `# ${app}\n${app}:\n  webserver:\n    - location: /${app}/\n      params:\n        proxy_pass:\n          values: http://stream_${app}\n  stream:\n    name: stream_${app}\n    port: ${port(index)}\n    group: kube_gateway_pool\n`,
    ).join(''),
    ...Object.fromEntries(APPS.map((app, index) => [`k8s/${app}.yml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: ${port(index)}\n`])),
  };
}

/** Everything a user sees of a workspace: each file's diagnostics, with ranges, messages and related places. */
function seen(files: Record<string, string>, workspace = memoryWorkspace(files)): string {
  const result: Record<string, unknown> = {};
  for (const path of Object.keys(files)) result[path] = workspace.diagnostics(`${ROOT}/${path}`);
  return JSON.stringify(result, null, 1);
}

const EDITED = ['inventories/prod/webservers_pool/routes.yml', 'inventories/prod/kube_gateway_pool/proxy.yml'];
const PIECES = ['', '1', '9', ' ', '\n', '\n\n', 'x', ':', '#', '  ', '- ', '"', '{{ app.a.port }}', 'z:\n  mode: tcp\n'];

describe('incremental re-checks', () => {
  it('give what a fresh check of the same texts gives, after any sequence of edits (entries parsed once, then moved)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ file: fc.constantFrom(...EDITED), at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat(12), insert: fc.constantFrom(...PIECES) }), { minLength: 1, maxLength: 12 }),
        (edits) => {
          const texts = files();
          const workspace = memoryWorkspace(texts);
          for (const edit of edits) {
            const text = texts[edit.file] ?? '';
            const start = Math.floor(edit.at * text.length);
            texts[edit.file] = text.slice(0, start) + edit.insert + text.slice(start + edit.remove);
            workspace.update(`${ROOT}/${edit.file}`, { text: texts[edit.file] ?? '' });
            assert.equal(seen(texts, workspace), seen(texts));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
