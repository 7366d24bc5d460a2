import { propertySchema, resolveRef, type JsonSchema } from '../schema/jsonSchema';
import type { PathSegment } from './nodeAt';

/**
 * The subschema that applies at a path of keys and list indexes (`*` stands for any key), or undefined.
 * The schema is returned as written at that place, so that a `description` beside a `$ref` wins.
 */
export function schemaAt(root: JsonSchema, path: readonly PathSegment[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    current = childSchema(resolveRef(current, root), segment, root);
  }
  return current;
}

export function childSchema(schema: JsonSchema, segment: PathSegment, root: JsonSchema): JsonSchema | undefined {
  if (typeof segment === 'number') return schema.items;
  const direct = propertySchema(schema, segment);
  if (direct) return direct;
  for (const [pattern, child] of Object.entries(schema.patternProperties ?? {})) if (new RegExp(pattern, 'u').test(segment)) return child;
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) {
    const found = childSchema(resolveRef(branch, root), segment, root);
    if (found) return found;
  }
  return undefined;
}

/** A description for hover: the place's own, else the one of what it refers to. */
export function describe(schema: JsonSchema, root: JsonSchema): string | undefined {
  return schema.description ?? resolveRef(schema, root).description;
}
