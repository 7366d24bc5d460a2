import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SETTING_NAMES } from '../../server/src/core/settingsKeys';
import { copyToTemp, EXAMPLE, REPO } from '../helpers/paths';
import { runCli } from '../helpers/run';

/** The example with a .kube-expose.json of this content, checked from its root. */
function checkWith(settings: string): { status: number | null; stdout: string; stderr: string } {
  const root = copyToTemp(EXAMPLE);
  writeFileSync(join(root, '.kube-expose.json'), settings);
  return runCli(['check'], root);
}

describe('.kube-expose.json read by the CLI', () => {
  it('takes dotted names as VS Code writes them, and nested objects, alike', () => {
    for (const settings of [{ 'files.exclude': ['**/k8s/**'] }, { files: { exclude: ['**/k8s/**'] } }]) {
      const result = checkWith(JSON.stringify(settings));
      assert.match(result.stderr, /^\d+ errors?, \d+ warnings? in 4 files checked \(1 environment, /, JSON.stringify(settings));
      assert.doesNotMatch(result.stdout, /k8s\//, JSON.stringify(settings));
    }
  });

  it('stops with exit 2 on an unknown name, suggesting the one meant', () => {
    const typo = checkWith('{"nodePortRnage": "30000-30100"}');
    assert.equal(typo.status, 2);
    assert.equal(typo.stdout, '');
    assert.equal(typo.stderr, 'kube-expose: .kube-expose.json: unknown setting "nodePortRnage" (did you mean "nodePortRange"?)\n');
    const prefixed = checkWith('{"kubeExpose.gatewayGroup": "gateways"}');
    assert.equal(prefixed.status, 2);
    assert.match(prefixed.stderr, /unknown setting "kubeExpose\.gatewayGroup" \(write it without the prefix: "gatewayGroup"\)/);
  });

  it('stops with exit 2 on an invalid value, rather than checking with the default', () => {
    const result = checkWith('{"nodePortRange": "high"}');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^kube-expose: \.kube-expose\.json: nodePortRange must look like "30000-32767"\n/);
  });

  it('names a setting in messages as the file spells it', () => {
    const result = checkWith('{"nodePortRange": "30000-30100"}');
    assert.equal(result.status, 1);
    assert.match(result.stdout, /error nodeport-range: nodePort 30165 of Service postgresql\/pgadmin is outside the node-port range 30000-30100 \(nodePortRange in \.kube-expose\.json\)\./);
    assert.doesNotMatch(result.stdout, /kubeExpose\./);
  });
});

describe('the names .kube-expose.json accepts', () => {
  it('are exactly the settings the extension contributes, without the kubeExpose. prefix', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const contributed = Object.keys(manifest.contributes.configuration.properties).map((name) => name.replace(/^kubeExpose\./, ''));
    assert.deepEqual([...SETTING_NAMES].sort(), contributed.sort());
  });
});
