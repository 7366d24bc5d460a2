// Derives schemas/kubernetes/service-v1.json, the Kubernetes v1 Service schema, from the TypeScript
// declarations of kubernetes-models (generated from the Kubernetes OpenAPI, descriptions included as JSDoc).
// Run: node scripts/derive-service-schema.mjs          writes the file
//      node scripts/derive-service-schema.mjs --check  exits 1 when the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The package records its Kubernetes version nowhere but in its changelog, which npm does not ship (its
// README badge still says 1.27.1, left over from 4.3.0). 4.5.1 is the last release that runs on Node 20 (5.x
// wants Node 22, and npm ci would warn on the Node 20 that engines promise). Its declarations are Kubernetes
// v1.33's: ContainerStatus.stopSignal (1.33) is there, PodSpec.hostnameOverride (1.34) is not. The v1 Service did
// not change after 1.33: 5.1.0 (Kubernetes v1.36, where PodSpec.schedulingGroup appeared) derives the very same
// definitions, byte for byte, only this title differs. Re-check on an upgrade.
const MODELS_VERSION = '4.5.1';
const KUBERNETES_VERSION = 'v1.33';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const modelsPackage = require.resolve('kubernetes-models/package.json', { paths: [root] });
const { version } = JSON.parse(readFileSync(modelsPackage, 'utf8'));
if (version !== MODELS_VERSION) fail(`kubernetes-models is ${version}, not ${MODELS_VERSION}: check its Kubernetes version, then update MODELS_VERSION and KUBERNETES_VERSION`);
const entry = join(dirname(modelsPackage), 'v1', 'Service.d.ts');
const output = join(root, 'schemas', 'kubernetes', 'service-v1.json');

const program = ts.createProgram([entry], { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
const checker = program.getTypeChecker();
const service = program.getSourceFile(entry)?.statements.find((statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === 'IService');
if (!service) fail(`no interface IService in ${entry}`);

const definitions = {};

function fail(message) {
  console.error(`derive-service-schema: ${message}`);
  process.exit(1);
}

/** JSDoc text; the generator escapes `*` inside comments. */
function docOf(symbol) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\\\*/g, '*').trim();
}

/** A property's own JSDoc, else the one it inherits (IService redeclares TypeMeta's apiVersion and kind bare). */
function propertyDoc(owner, property) {
  const own = docOf(property);
  if (own) return own;
  for (const base of owner.isClassOrInterface() ? checker.getBaseTypes(owner) : []) {
    const inherited = base.getProperty(property.getName());
    if (inherited && docOf(inherited)) return docOf(inherited);
  }
  return '';
}

/**
 * The OpenAPI name of an interface, such as io.k8s.api.core.v1.ServicePort, read from the alias every
 * generated file exports (`export type { IServicePort as IIoK8sApiCoreV1ServicePort }`).
 */
function openApiName(symbol) {
  const local = symbol.getName();
  const file = symbol.declarations?.[0]?.getSourceFile();
  for (const statement of file?.statements ?? []) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const alias = element.name.text;
      if ((element.propertyName ?? element.name).text !== local || !alias.startsWith('IIoK8s')) continue;
      const name = local.replace(/^I(?=[A-Z])/, '');
      const group = alias.slice(1, alias.length - name.length).split(/(?=[A-Z])/).map((part) => part.toLowerCase());
      return [...group, name].join('.');
    }
  }
  return fail(`no OpenAPI alias for ${local} in ${file?.fileName}`);
}

// Kubernetes numbers are int32 or int64 in the OpenAPI, but TypeScript only says `number`.
function numberSchema(name, doc) {
  const integer = /\bint(32|64)\b|\binteger\b/i.test(doc) || /(port|seconds|generation|count|replicas)$/i.test(name);
  return { type: integer ? 'integer' : 'number' };
}

/** A JSON Schema for a declared type; `name` and `doc` are those of the property holding it. */
function schemaOf(type, name, doc) {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) fail(`${name} has an unresolved type`);
  if (type.isUnion()) {
    const parts = type.types.filter((part) => !(part.flags & ts.TypeFlags.Undefined));
    if (parts.length === 1) return schemaOf(parts[0], name, doc);
    if (parts.every((part) => part.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (parts.every((part) => part.isStringLiteral())) return { type: 'string', enum: parts.map((part) => part.value).sort() };
    // IntOrString: an int32 or a name.
    if (parts.length === 2 && parts.some((part) => part.flags & ts.TypeFlags.Number) && parts.some((part) => part.flags & ts.TypeFlags.String)) return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
    fail(`${name}: no JSON Schema for ${checker.typeToString(type)}`);
  }
  if (type.isStringLiteral()) return { type: 'string', const: type.value };
  if (type.flags & ts.TypeFlags.String) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return numberSchema(name, doc);
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
  if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0], name, '') };
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (index && type.getProperties().length === 0) return { type: 'object', additionalProperties: schemaOf(index.type, name, '') };
  if (type.flags & ts.TypeFlags.Object) return { $ref: `#/definitions/${define(type)}` };
  return fail(`${name}: no JSON Schema for ${checker.typeToString(type)}`);
}

/** Adds an interface to `definitions` once, under its OpenAPI name. */
function define(type) {
  const symbol = type.getSymbol();
  const name = openApiName(symbol);
  if (!definitions[name]) {
    definitions[name] = {};
    definitions[name] = objectSchema(type, docOf(symbol));
  }
  return name;
}

function objectSchema(type, description) {
  const properties = {};
  const required = [];
  for (const property of type.getProperties()) {
    const name = property.getName();
    const doc = propertyDoc(type, property);
    if (!doc) fail(`${checker.typeToString(type)}.${name} has no description`);
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    properties[name] = { description: doc, ...schemaOf(checker.getTypeOfSymbolAtLocation(property, declaration), name, doc) };
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(name);
  }
  // An object the OpenAPI leaves without properties (FieldsV1) holds free-form data: closing it would reject every real value.
  const closed = Object.keys(properties).length > 0;
  return {
    ...(description ? { description } : {}),
    type: 'object',
    ...(closed ? { properties } : {}),
    ...(required.length ? { required: required.sort() } : {}),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

/** Bounds a port to TCP's range; node ports may be 0 (allocate one), their range is the nodeport-range rule's. */
function boundPorts() {
  const ports = definitions['io.k8s.api.core.v1.ServicePort']?.properties;
  if (!ports?.port || !ports.nodePort || !ports.targetPort?.anyOf) fail('ServicePort lacks port, nodePort or targetPort');
  Object.assign(ports.port, { minimum: 1, maximum: 65535 });
  Object.assign(ports.nodePort, { minimum: 0, maximum: 65535 });
  ports.targetPort.anyOf = ports.targetPort.anyOf.map((branch) => (branch.type === 'integer' ? { ...branch, minimum: 1, maximum: 65535 } : branch));
}

const rootSchema = objectSchema(checker.getTypeAtLocation(service.name), docOf(checker.getSymbolAtLocation(service.name)));
if (rootSchema.properties.apiVersion?.const !== 'v1' || rootSchema.properties.kind?.const !== 'Service') fail('IService no longer fixes apiVersion v1 and kind Service');
boundPorts();

const source = `Derived from kubernetes-models ${version} (Kubernetes OpenAPI ${KUBERNETES_VERSION})`;
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kube-expose.dev/schemas/kubernetes/service-v1.json',
  title: `Kubernetes v1 Service, ${source[0].toLowerCase()}${source.slice(1)}`,
  ...rootSchema,
  description: `${rootSchema.description}\n\n${source} by scripts/derive-service-schema.mjs; unknown fields are rejected, as in kubeconform's strict mode.`,
  definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(output, 'utf8');
  } catch {
    // A missing file is out of date like any other.
  }
  if (current !== text) fail(`${output} is out of date: run node scripts/derive-service-schema.mjs`);
} else {
  writeFileSync(output, text);
  console.log(`wrote ${output} (${Object.keys(definitions).length} definitions, kubernetes-models ${version}, Kubernetes ${KUBERNETES_VERSION})`);
}
