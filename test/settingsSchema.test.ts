import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { REPO } from './helpers/paths';
import { generatedRepository } from './helpers/generated';

interface Manifest {
  contributes: { jsonValidation: { fileMatch: string; url: string }[] };
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
const entry = manifest.contributes.jsonValidation.find((candidate) => candidate.fileMatch === '.kube-expose.json');
const schema = JSON.parse(readFileSync(join(REPO, entry?.url ?? 'missing'), 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
// VS Code's JSON service reads markdownDescription; Ajv only needs to let it be.
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

describe('the schema VS Code applies to .kube-expose.json', () => {
  it('is built where the manifest points, and accepts the settings files of the tests and the benchmark', () => {
    assert.ok(entry, 'contributes.jsonValidation names .kube-expose.json');
    const files = [join(REPO, 'test', 'adversarial', 'alias-bomb', '.kube-expose.json'), join(generatedRepository({ envs: 2, apps: 3 }), '.kube-expose.json')];
    for (const file of files) assert.deepEqual(errorsOf(JSON.parse(readFileSync(file, 'utf8'))), [], file);
  });

  it('has every setting the CLI reads, and none of the editor alone', () => {
    assert.deepEqual(Object.keys(schema.properties['files']?.properties ?? {}).sort(), Object.keys(DEFAULT_SETTINGS.files).sort());
    for (const key of ['serviceEnvironments', 'gatewayGroup', 'nodePortRange', 'severity', 'maxFileSize', 'maxAliasCount']) assert.ok(schema.properties[key], key);
    assert.ok(schema.properties['scaffold']?.properties?.['servicePath'], 'scaffold.servicePath');
    for (const key of ['trace', 'trace.server', 'deferToYamlExtension', 'yamlExtension']) assert.equal(schema.properties[key], undefined, key);
  });

  it('flags a misspelt setting, a wrong type and an unknown severity', () => {
    assert.match(errorsOf({ serviceEnviroments: {} }).join('\n'), /additionalProperty.*serviceEnviroments/);
    assert.match(errorsOf({ files: { inventory: 'hosts' } }).join('\n'), /\/files\/inventory must be array/);
    assert.match(errorsOf({ severity: { 'port-mismatch': 'fatal' } }).join('\n'), /\/severity\/port-mismatch must be equal to one of the allowed values/);
    assert.deepEqual(errorsOf({ $schema: './node_modules/kube-expose/dist/kube-expose.schema.json', maxFileSize: 1000, scaffold: { servicePath: 'k8s/{namespace}/{app}-service.yml' } }), []);
  });
});
