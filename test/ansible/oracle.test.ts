import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANSIBLE_REPOS, ansibleRepos, compareEnvironment, loadRepository, oracleMissing } from './oracle';

/**
 * ansible-inventory is the oracle: for every environment of every fixture repository, the hosts of each group
 * and the value each host reading a proxy, routes or vars file sees for each `{{ }}` reference must be Ansible's.
 */
describe('Ansible is the oracle', () => {
  for (const name of ansibleRepos()) {
    it(`${name}: groups and every reference's value per host are ansible-inventory's`, async (t) => {
      const missing = oracleMissing();
      if (missing) {
        t.skip(missing);
        return;
      }
      const root = join(ANSIBLE_REPOS, name);
      const workspace = await loadRepository(root);
      const environments = workspace.environmentNames();
      assert.ok(environments.length > 0, `${name}: no environment found`);
      const problems: string[] = [];
      let compared = 0;
      let values = 0;
      for (const env of environments) {
        const view = workspace.environment(env);
        if (!view?.hasInventory()) continue;
        compared++;
        const result = compareEnvironment(root, view);
        problems.push(...result.problems);
        values += result.values;
      }
      assert.ok(compared > 0 && values > 0, `${name}: no environment with an inventory, or no reference compared`);
      t.diagnostic(`${values} values compared in ${compared} environments`);
      assert.deepEqual(problems, []);
    });
  }
});
