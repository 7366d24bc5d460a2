import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyToTemp } from '../helpers/paths';
import { runCli } from '../helpers/run';
import { ANSIBLE_REPOS } from './oracle';

interface Reported {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

function check(root: string): { diagnostics: Reported[]; environments: { name: string; folder: string; inventories: string[] }[]; stderr: string; status: number | null } {
  const result = runCli(['check', '--format', 'json'], root);
  const report = JSON.parse(result.stdout) as { diagnostics: Reported[]; environments: { name: string; folder: string; inventories: string[] }[] };
  return { ...report, stderr: result.stderr, status: result.status };
}

const repo = (name: string): string => join(ANSIBLE_REPOS, name);

/** What a user of each real-world layout sees from the CLI; ansible-inventory agreement is in oracle.test.ts. */
describe('real Ansible repositories', () => {
  it('reports a reference that a replaced dict no longer holds, naming the hosts and the replacing file', () => {
    const { diagnostics } = check(repo('dict-replace'));
    const unknown = diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-variable');
    assert.deepEqual(
      unknown.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}`),
      ['inventories/prod/group_vars/kube_gateway_pool/proxy.yml:3', 'inventories/prod/group_vars/kube_gateway_pool/proxy.yml:7'],
    );
    assert.match(unknown[0]?.message ?? '', /not defined for hosts gateway-1, gateway-2 .*group_vars\/kube_gateway_pool\/apps\.yml:1 replaces the whole `app` of .*group_vars\/all\/apps\.yml:1 .*hash_behaviour=merge/);
    // The web hosts do not read the gateway group's dict: routes.yml is fine.
    assert.ok(!diagnostics.some((diagnostic) => diagnostic.file.endsWith('routes.yml')));
  });

  it('merges the dicts when ansible.cfg sets hash_behaviour = merge', () => {
    const { diagnostics, status } = check(repo('hash-merge'));
    assert.deepEqual(diagnostics, []);
    assert.equal(status, 0);
  });

  it('reads INI inventories with ranges, children three levels deep, group priorities and host_vars', () => {
    const { diagnostics, environments } = check(repo('deep-ini'));
    assert.deepEqual(environments, [{ name: 'prod', folder: 'inventories/prod', inventories: ['inventories/prod/hosts.ini'] }]);
    assert.ok(!diagnostics.some((diagnostic) => diagnostic.code === 'unknown-variable' || diagnostic.code === 'unknown-group'), JSON.stringify(diagnostics));
  });

  it('reports a host whose host_vars give it another port than the rest of its group', () => {
    const { diagnostics } = check(repo('deep-ini'));
    const mismatches = diagnostics.filter((diagnostic) => diagnostic.code === 'port-mismatch' && diagnostic.message.startsWith('app.pgadmin4.port'));
    assert.deepEqual(
      mismatches.map((diagnostic) => diagnostic.line),
      [3, 7],
    );
    assert.match(mismatches[0]?.message ?? '', /is 30165 for gateway-1, gateway-2, gateway-04, gateway-05 .* but 30166 for gateway-3 \(inventories\/prod\/host_vars\/gateway-3\.yml:3\): that host would listen on another port/);
  });

  it('gives an environment that shares group_vars/all through a symbolic link the shared variables', () => {
    const { diagnostics, stderr, environments } = check(repo('shared-link'));
    assert.deepEqual(
      environments.map((environment) => environment.name),
      ['prod', 'staging'],
    );
    assert.deepEqual(diagnostics, []);
    assert.doesNotMatch(stderr, /loop/);
  });

  it('says a link back to a folder that contains it is a loop, and still reads the rest', () => {
    const root = copyToTemp(repo('shared-link'));
    // A copy makes relative links absolute, to the fixture: the shared link is made again inside the copy.
    rmSync(join(root, 'inventories/staging/group_vars/all'));
    symlinkSync('../../prod/group_vars/all', join(root, 'inventories/staging/group_vars/all'));
    symlinkSync('../..', join(root, 'inventories/prod/group_vars/up'));
    const { diagnostics, stderr } = check(root);
    assert.match(stderr, /skipped .*inventories\/prod\/group_vars\/up: symbolic link loop: it leads back to .*inventories, a folder that contains it/);
    assert.deepEqual(diagnostics, []);
  });

  it('finds the inventory that ansible.cfg names in a kubespray-like inventory/ layout, and accepts a vault file', () => {
    const { diagnostics, environments } = check(repo('cfg-inventory'));
    assert.deepEqual(environments, [{ name: 'mycluster', folder: 'inventory/mycluster', inventories: ['inventory/mycluster/inventory.ini'] }]);
    // vault.yml is encrypted: no YAML nor schema problem, and vault_backed_port may come from it.
    assert.deepEqual(diagnostics, []);
  });

  it('reads an inventory named by ansible.cfg in a layout no default glob knows', () => {
    const root = copyToTemp(repo('dict-replace'));
    mkdirSync(join(root, 'deploy'), { recursive: true });
    writeFileSync(join(root, 'ansible.cfg'), '[defaults]\ninventory = ./deploy/site.yml\n');
    writeFileSync(join(root, 'deploy/site.yml'), 'all:\n  children:\n    kube_gateway_pool:\n      hosts:\n        gw-9:\n');
    const { environments } = check(root);
    assert.ok(environments.some((environment) => environment.folder === 'deploy' && environment.inventories.includes('deploy/site.yml')), JSON.stringify(environments));
  });

  it('accepts !vault and !unsafe tagged values', () => {
    const root = copyToTemp(repo('hash-merge'));
    writeFileSync(join(root, 'inventories/prod/group_vars/all/secrets.yml'), 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  3132\nbanner: !unsafe "{{ not a template }}"\n');
    const { diagnostics } = check(root);
    assert.deepEqual(diagnostics, []);
  });
  it('recognises inventories by their content in folders no layout names, and nothing else', () => {
    const { diagnostics, environments } = check(repo('content-inventory'));
    assert.deepEqual(environments, [
      { name: 'ansible', folder: 'ansible', inventories: ['ansible/production.yml'] },
      { name: 'ops', folder: 'ops', inventories: ['ops/staging.ini'] },
    ]);
    // tox.ini and the role's /etc/hosts copy are not inventories; the staging mismatch is found.
    assert.deepEqual(
      diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.file}:${diagnostic.line}`),
      ['port-mismatch ops/group_vars/all.yml:3'],
    );
  });

  it('reads group_vars and host_vars beside the playbooks over the inventory ones, extension-less files included', () => {
    const { diagnostics, environments } = check(repo('playbook-vars'));
    // The playbook folder is not an environment of its own.
    assert.deepEqual(
      environments.map((environment) => environment.folder),
      ['inventories/prod'],
    );
    // app.pgadmin4.port is 30164 from the playbook's group_vars/all.yml, which replaces the inventory's 30165.
    assert.deepEqual(diagnostics, []);
  });

  it('reports a mismatch that only the playbook-adjacent value creates', () => {
    const root = copyToTemp(repo('playbook-vars'));
    writeFileSync(join(root, 'group_vars/all.yml'), 'app:\n  pgadmin4:\n    port: 30170\n  grafana:\n    port: 30200\n');
    const { diagnostics } = check(root);
    const mismatch = diagnostics.find((diagnostic) => diagnostic.code === 'port-mismatch');
    assert.equal(mismatch?.file, 'group_vars/all.yml', JSON.stringify(diagnostics));
    assert.match(mismatch?.message ?? '', /app\.pgadmin4\.port is 30170/);
  });
});
