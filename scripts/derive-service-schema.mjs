// Derives schemas/kubernetes/service-v1.json, the Kubernetes v1 Service schema, from the TypeScript
// declarations of kubernetes-models (generated from the Kubernetes OpenAPI, descriptions included).
// Run: node scripts/derive-service-schema.mjs          writes the file
//      node scripts/derive-service-schema.mjs --check  exits 1 when the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const modelsPackage = require.resolve('kubernetes-models/package.json', { paths: [root] });
const { version } = JSON.parse(readFileSync(modelsPackage, 'utf8'));
const entry = join(dirname(modelsPackage), 'v1', 'Service.d.ts');
const output = join(root, 'schemas', 'kubernetes', 'service-v1.json');

const program = ts.createProgram([entry], { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(entry);
const service = source.statements.find((statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === 'IService');

const definitions = {};

function describe(symbol) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

/** A JSON Schema for a TypeScript type of the declarations. */
function schemaOf(type) {
  if (type.isUnion()) {
    const parts = type.types.filter((part) => !(part.flags & ts.TypeFlags.Undefined));
    if (parts.length === 1) return schemaOf(parts[0]);
    if (parts.every((part) => part.isStringLiteral())) return { type: 'string', enum: parts.map((part) => part.value).sort() };
    if (parts.every((part) => part.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    return { anyOf: parts.map(schemaOf) };
  }
  if (type.isStringLiteral()) return { type: 'string', const: type.value };
  if (type.flags & ts.TypeFlags.String) return { type: 'string' };
  // Every number of a Service is an int32 or int64 in the OpenAPI.
  if (type.flags & ts.TypeFlags.Number) return { type: 'integer' };
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
  if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0]) };
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (index && type.getProperties().length === 0) return { type: 'object', additionalProperties: schemaOf(index.type) };
  if (type.flags & ts.TypeFlags.Object) return { $ref: `#/definitions/${define(type)}` };
  return {};
}

/** Adds an interface to `definitions` once, under its name without the leading I. */
function define(type) {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const name = symbol.getName().replace(/^I(?=[A-Z])/, '');
  if (definitions[name]) return name;
  definitions[name] = {};
  definitions[name] = objectSchema(type, describe(symbol));
  return name;
}

function objectSchema(type, description) {
  const properties = {};
  const required = [];
  for (const property of type.getProperties()) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
    const schema = schemaOf(propertyType);
    const text = describe(property);
    properties[property.getName()] = { ...(text ? { description: text } : { description: property.getName() }), ...schema };
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.getName());
  }
  return {
    ...(description ? { description } : {}),
    type: 'object',
    properties,
    ...(required.length ? { required: required.sort() } : {}),
    additionalProperties: false,
  };
}

const rootType = checker.getTypeAtLocation(service.name);
const rootSchema = objectSchema(rootType, describe(checker.getSymbolAtLocation(service.name)));
rootSchema.properties.apiVersion = { description: rootSchema.properties.apiVersion?.description ?? 'APIVersion', type: 'string', const: 'v1' };
rootSchema.properties.kind = { description: rootSchema.properties.kind?.description ?? 'Kind', type: 'string', const: 'Service' };
rootSchema.required = ['apiVersion', 'kind'];

// The node-port range is a rule of its own (nodeport-range); the schema only bounds ports to TCP's.
const ports = definitions.ServicePort?.properties;
if (ports) {
  for (const name of ['port', 'nodePort']) if (ports[name]) Object.assign(ports[name], { minimum: name === 'nodePort' ? 0 : 1, maximum: 65535 });
  if (ports.targetPort?.anyOf) ports.targetPort.anyOf = ports.targetPort.anyOf.map((branch) => (branch.type === 'integer' ? { ...branch, minimum: 1, maximum: 65535 } : branch));
}

const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kube-expose.dev/schemas/kubernetes/service-v1.json',
  title: `Kubernetes v1 Service (derived from kubernetes-models ${version}, generated from the Kubernetes OpenAPI)`,
  ...rootSchema,
  definitions: sorted,
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(output, 'utf8');
  if (current !== text) {
    console.error(`${output} is out of date: run node scripts/derive-service-schema.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(output, text);
  console.log(`wrote ${output} (${Object.keys(sorted).length} definitions, kubernetes-models ${version})`);
}
