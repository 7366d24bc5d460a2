import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { SCHEMAS } from '../../server/src/core/schema/schemas';
import type { JsonSchema } from '../../server/src/core/schema/jsonSchema';
import { memoryWorkspace } from '../helpers/memory';
import { REPO } from '../helpers/paths';

const ALLOWED = new Set(['$schema', '$id', '$ref', 'definitions', 'title', 'description', 'default', 'examples', 'type', 'properties', 'patternProperties', 'additionalProperties', 'required', 'enum', 'const', 'items', 'minItems', 'minimum', 'maximum', 'minLength', 'pattern', 'anyOf', 'oneOf']);

/** Calls `each` on every subschema, with a path for messages. */
function walk(schema: JsonSchema, path: string, each: (schema: JsonSchema, path: string) => void): void {
  each(schema, path);
  for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${path}.properties.${name}`, each);
  for (const [name, child] of Object.entries(schema.patternProperties ?? {})) walk(child, `${path}.patternProperties.${name}`, each);
  for (const [name, child] of Object.entries(schema.definitions ?? {})) walk(child, `${path}.definitions.${name}`, each);
  if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${path}.additionalProperties`, each);
  if (schema.items) walk(schema.items, `${path}.items`, each);
  (schema.anyOf ?? schema.oneOf ?? []).forEach((child, index) => walk(child, `${path}.anyOf[${index}]`, each));
}

describe('shipped JSON schemas', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: is valid draft-07 and uses only the keywords our validator knows`, () => {
      new Ajv({ strict: false }).compile(schema);
      walk(schema, name, (subschema, path) => {
        for (const keyword of Object.keys(subschema)) assert.ok(ALLOWED.has(keyword), `${path}: unsupported keyword ${keyword}`);
      });
    });

    it(`${name}: describes every property, for hover and completion`, () => {
      walk(schema, name, (subschema, path) => {
        for (const [property, child] of Object.entries(subschema.properties ?? {})) assert.ok(child.description?.trim(), `${path}.${property} has no description`);
      });
    });
  }

  it('the Service schema is the committed derivation of kubernetes-models', () => {
    const result = spawnSync(process.execPath, [join(REPO, 'scripts/derive-service-schema.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(SCHEMAS.service.title ?? '', /kubernetes-models 4\.5\.1 \(Kubernetes OpenAPI v1\.33\)/);
  });
});

describe('schema diagnostics', () => {
  const base = {
    'inventories/dev/hosts.yml': 'all:\n  children:\n    kube_gateway_pool:\n    webservers_pool:\n',
  };
  const schemaMessages = (files: Record<string, string>): string[] => {
    const workspace = memoryWorkspace({ ...base, ...files });
    return [...workspace.allDiagnostics().values()].flat().filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  };

  it('points at a bad enum value, a misspelled key and a wrong type in proxy.yml', () => {
    const proxy = 'web:\n  mode: htp\n  address: "*"\n  port: abc\n  destnation:\n    group:\n      name: kube_gateway_pool\n      port: 30200\n';
    assert.deepEqual(schemaMessages({ 'inventories/dev/kube_gateway_pool/proxy.yml': proxy }), [
      '1: Missing property "destination".',
      '2: Value "htp" is not allowed: expected one of "http", "tcp".',
      '4: Incorrect type: expected an integer, a string of digits or a template, found "abc".',
      '5: Property "destnation" is not allowed here. Did you mean "destination"?',
    ]);
  });

  it('reports keys named like what every JavaScript object has (toString, constructor, __proto__) as unknown', () => {
    const proxy = 'web:\n  mode: http\n  port: 30200\n  toString: 1\n  constructor: 2\n  __proto__: 3\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30200\n';
    assert.deepEqual(schemaMessages({ 'inventories/dev/kube_gateway_pool/proxy.yml': proxy }), [
      '4: Property "toString" is not allowed here.',
      '5: Property "constructor" is not allowed here.',
      '6: Property "__proto__" is not allowed here.',
    ]);
  });

  it('never treats a Jinja template as a type error', () => {
    const proxy = 'web:\n  mode: "{{ web_mode }}"\n  port: "{{ app.web.port }}"\n  destination:\n    group:\n      name: "{{ gateway }}"\n      port: "{{ app.web.port | int }}"\n    balance: "{{ algo }}"\n';
    assert.deepEqual(schemaMessages({ 'inventories/dev/kube_gateway_pool/proxy.yml': proxy }), []);
  });

  it('accepts HAProxy balance algorithms with arguments', () => {
    const proxy = (balance: string): string => `web:\n  mode: http\n  port: 30200\n  destination:\n    group:\n      name: kube_gateway_pool\n      port: 30200\n    balance: ${balance}\n`;
    assert.deepEqual(schemaMessages({ 'inventories/dev/kube_gateway_pool/proxy.yml': proxy('hdr(Host)') }), []);
    assert.equal(schemaMessages({ 'inventories/dev/kube_gateway_pool/proxy.yml': proxy('round-robin') }).length, 1);
  });

  it('validates Services against the Kubernetes schema', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodeProt\n  ports:\n    - port: "80"\n      nodePort: 30200\n      targetPort: http\n  selectr:\n    app: web\n';
    assert.deepEqual(schemaMessages({ 'k8s/web.yml': service }), [
      '6: Value "NodeProt" is not allowed: expected one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort".',
      '8: Incorrect type: expected integer, found string.',
      '11: Property "selectr" is not allowed here. Did you mean "selector"?',
    ]);
  });
});
