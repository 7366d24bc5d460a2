import { resolveRef, type JsonSchema, type JsonType } from './jsonSchema';

/**
 * A schema as the validator reads it, every keyword in one place of one shape: schemas parsed from JSON each have
 * their own shape, and reading a dozen absent keywords of every one for every node of 9,000 files was a quarter
 * of a cold index's reading. Its parts are compiled too, their `$ref`s followed.
 */
export interface CompiledSchema {
  readonly source: JsonSchema;
  readonly alternatives: readonly CompiledSchema[] | undefined;
  /** `type` as a list; undefined when the schema says nothing of the type. */
  readonly types: readonly JsonType[] | undefined;
  readonly hasConst: boolean;
  readonly constValue: unknown;
  readonly enumValues: readonly unknown[] | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly minLength: number | undefined;
  readonly pattern: { readonly source: string; readonly regex: RegExp } | undefined;
  readonly minItems: number | undefined;
  readonly items: CompiledSchema | undefined;
  readonly properties: ReadonlyMap<string, CompiledSchema> | undefined;
  readonly propertyNames: readonly string[];
  readonly patternProperties: readonly { readonly regex: RegExp; readonly schema: CompiledSchema }[] | undefined;
  /** false: no other key; a schema: every other key's; undefined: anything. */
  readonly additionalProperties: false | CompiledSchema | undefined;
  readonly required: readonly string[] | undefined;
}

/** Each schema compiled, by the root its `$ref`s lead into. */
const compiledByRoot = new WeakMap<JsonSchema, WeakMap<JsonSchema, CompiledSchema>>();

export function compileSchema(schema: JsonSchema, root: JsonSchema): CompiledSchema {
  let byRoot = compiledByRoot.get(root);
  if (!byRoot) compiledByRoot.set(root, (byRoot = new WeakMap()));
  return compileInto(schema, root, byRoot);
}

function compileInto(raw: JsonSchema, root: JsonSchema, done: WeakMap<JsonSchema, CompiledSchema>): CompiledSchema {
  const schema = resolveRef(raw, root);
  const known = done.get(schema);
  if (known) return known;
  const compiled: { -readonly [K in keyof CompiledSchema]: CompiledSchema[K] } = {
    source: schema,
    alternatives: undefined,
    types: schema.type === undefined ? undefined : typeof schema.type === 'string' ? [schema.type] : [...schema.type],
    hasConst: schema.const !== undefined,
    constValue: schema.const,
    enumValues: schema.enum,
    minimum: schema.minimum,
    maximum: schema.maximum,
    minLength: schema.minLength,
    pattern: schema.pattern === undefined ? undefined : { source: schema.pattern, regex: regexOf(schema.pattern) },
    minItems: schema.minItems,
    items: undefined,
    properties: undefined,
    propertyNames: Object.keys(schema.properties ?? {}),
    patternProperties: undefined,
    additionalProperties: undefined,
    required: schema.required,
  };
  // Registered before its parts: a schema may reach itself through a `$ref`.
  done.set(schema, compiled);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) compiled.alternatives = alternatives.map((branch) => compileInto(branch, root, done));
  if (schema.items) compiled.items = compileInto(schema.items, root, done);
  if (schema.properties) compiled.properties = new Map(Object.entries(schema.properties).map(([key, value]) => [key, compileInto(value, root, done)]));
  if (schema.patternProperties) compiled.patternProperties = Object.entries(schema.patternProperties).map(([pattern, value]) => ({ regex: regexOf(pattern), schema: compileInto(value, root, done) }));
  if (schema.additionalProperties === false) compiled.additionalProperties = false;
  else if (typeof schema.additionalProperties === 'object') compiled.additionalProperties = compileInto(schema.additionalProperties, root, done);
  return compiled;
}

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return /(?:)/;
  }
}
