/** The draft-07 keywords our schemas use; the validator understands exactly these. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly type?: JsonType | readonly JsonType[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Where each `$ref` leads, by the schema it belongs to: the validator follows the same few refs for every node. */
const resolved = new WeakMap<JsonSchema, WeakMap<JsonSchema, JsonSchema>>();

/** Follows a local `$ref` (`#/definitions/name`) against the schema it belongs to. */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  let byRoot = resolved.get(root);
  if (!byRoot) resolved.set(root, (byRoot = new WeakMap()));
  let target = byRoot.get(schema);
  if (!target) byRoot.set(schema, (target = followRef(schema, root)));
  return target;
}

function followRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 32; hops++) {
    const name = /^#\/definitions\/(.+)$/.exec(current.$ref)?.[1];
    const target = name === undefined ? undefined : root.definitions?.[decodeURIComponent(name)];
    if (!target) return {};
    current = target;
  }
  return current;
}

/** The schema of a key the schema names; own properties only, so a key such as `toString` finds nothing. */
export function propertySchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  return schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
}
