import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { layeredSettings } from '../../server/src/core/settingsLayers';

const editor = {
  files: { inventory: ['**/hosts.yml'], exclude: ['**/.git/**'] },
  serviceEnvironments: { 'k8s/a/**': 'a' },
  nodePortRange: '30000-32767',
  maxFileSize: 1000,
  yamlExtension: { syntax: true },
};

describe("the repository's .kube-expose.json over the editor's settings", () => {
  it('takes each setting the file sets, each glob list of files on its own, and keeps the others', () => {
    const file = { files: { exclude: ['**/vendor/**'] }, serviceEnvironments: { 'k8s/b/**': 'b' }, maxFileSize: 50 };
    const settings = readSettings(layeredSettings(editor, file, true));
    assert.deepEqual(settings.files.inventory, ['**/hosts.yml']);
    assert.deepEqual(settings.files.exclude, ['**/vendor/**']);
    assert.deepEqual(settings.serviceEnvironments, { 'k8s/b/**': 'b' }, 'a map is one setting: the file replaces it');
    assert.equal(settings.maxFileSize, 50);
    assert.deepEqual(settings.nodePortRange, { min: 30000, max: 32767 });
    assert.equal(settings.yamlExtension.syntax, true, 'what the editor alone knows stays');
  });

  it('in an untrusted workspace, leaves which files are read and the size limits to the editor', () => {
    const file = { files: { kubernetes: ['**/*'] }, maxFileSize: 50, maxAliasCount: 1, gatewayGroup: 'gateways' };
    const settings = readSettings(layeredSettings(editor, file, false));
    assert.deepEqual(settings.files, readSettings(editor).files);
    assert.equal(settings.maxFileSize, 1000);
    assert.equal(settings.maxAliasCount, readSettings(editor).maxAliasCount);
    assert.equal(settings.gatewayGroup, 'gateways');
  });

  it('ignores a file that holds no JSON object', () => {
    for (const file of [undefined, null, [], 'files', 42]) assert.deepEqual(layeredSettings(editor, file, true), editor);
  });
});
