import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/core/features/hover';
import { memoryWorkspace, ROOT } from '../helpers/memory';

const HOSTS = 'all:\n  children:\n    kube_gateway_pool:\n      hosts:\n        gateway-1:\n    webservers_pool:\n      hosts:\n        web-1:\n';
const APPS = 'base_port: 30000\napp:\n  pgadmin4:\n    port: "30165"\n  vault:\n    port: "{{ lookup(\'env\', \'VAULT_PORT\') }}"\n';
const proxyEntry = (app: string, port: string): string => `${app}:\n  mode: tcp\n  port: ${port}\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: ${port}\n`;
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: pgadmin\n  namespace: postgresql\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30165\n';
const PROXY = 'inventories/prod/kube_gateway_pool/proxy.yml';

function hoverAtPort(proxy: string): string {
  const workspace = memoryWorkspace({ 'inventories/prod/hosts.yml': HOSTS, 'inventories/prod/group_vars/all/apps.yml': APPS, [PROXY]: proxy, 'k8s/pgadmin.yml': SERVICE });
  const result = hover(workspace, `${ROOT}/${PROXY}`, { line: 2, character: 10 });
  assert.ok(result, 'a hover on the port');
  return result.markdown;
}

describe('hover on a port computed by Jinja', () => {
  it('shows the expression and the value Ansible renders, and marks the mismatch', () => {
    const markdown = hoverAtPort(proxyEntry('pgadmin4', '"{{ app.pgadmin4.port | int + 1 }}"'));
    assert.match(markdown, /HAProxy pgadmin4 port: `\{\{ app\.pgadmin4\.port \| int \+ 1 \}\}` -> \*\*30166\*\*/);
    assert.match(markdown, /mismatch\*\*: the chain's port is 30165/);
  });

  it('reads a quoted port as the number it spells, with no schema error', () => {
    const markdown = hoverAtPort(proxyEntry('pgadmin4', '"30165"'));
    assert.match(markdown, /HAProxy pgadmin4 port: \*\*30165\*\*/);
    assert.doesNotMatch(markdown, /mismatch/);
  });

  it('says which part it could not read', () => {
    const markdown = hoverAtPort(proxyEntry('vault', '"{{ app.vault.port }}"'));
    assert.match(markdown, /HAProxy vault port: `\{\{ lookup\('env', 'VAULT_PORT'\) \}\}` -> \*\*unresolved\*\* \(not read: `lookup\('env', 'VAULT_PORT'\)`: a function call is not read\) via `app\.vault\.port`/);
  });
});

describe('values as Ansible reads them', () => {
  it('keeps the error on a quoted nodePort (the API server rejects it) and warns on a YAML 1.1 octal', () => {
    const workspace = memoryWorkspace({
      'inventories/prod/hosts.yml': HOSTS,
      'inventories/prod/group_vars/all/apps.yml': 'app:\n  pgadmin4:\n    port: 030165\n',
      'k8s/pgadmin.yml': SERVICE.replace('nodePort: 30165', 'nodePort: "30165"'),
    });
    const found = [...workspace.allDiagnostics()].flatMap(([path, diagnostics]) => diagnostics.map((diagnostic) => `${path.slice(ROOT.length + 1)}:${diagnostic.range.start.line + 1} ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`));
    assert.deepEqual(found.sort(), [
      'inventories/prod/group_vars/all/apps.yml:3 warning schema: YAML 1.1 reads a leading zero as octal: Ansible sees 030165 as 12405; write 12405, or quote the value to keep its digits as text.',
      'k8s/pgadmin.yml:10 error schema: Incorrect type: expected integer, found string.',
    ]);
  });

  it('reads a quoted port out of range as the number it spells', () => {
    const workspace = memoryWorkspace({ 'inventories/prod/hosts.yml': HOSTS, [PROXY]: proxyEntry('web', '"70000"') });
    const messages = (workspace.allDiagnostics().get(`${ROOT}/${PROXY}`) ?? []).filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => diagnostic.message);
    assert.deepEqual(messages, ['Value 70000 is above the maximum of 65535.', 'Value 70000 is above the maximum of 65535.']);
  });
});
