// @ts-check
/**
 * The JSON schema of `.kube-expose.json`, derived from the extension's settings in package.json so the two never
 * disagree: the same names without the `kubeExpose.` prefix, `files.*` nested under `files`. Settings of the
 * editor alone (its trace, deferring to the YAML extension) are left out: the file is also read by the CLI.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const PREFIX = 'kubeExpose.';
const EDITOR_ONLY = new Set(['trace.server', 'server.maxMemory', 'deferToYamlExtension']);
/** What a settings editor shows but a JSON schema does not need. */
const EDITOR_KEYS = new Set(['scope', 'order', 'tags', 'enumItemLabels']);

/** @param {Record<string, unknown>} property */
function schemaOf(property) {
  return Object.fromEntries(Object.entries(property).filter(([key]) => !EDITOR_KEYS.has(key)));
}

/** @param {{ contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } }} manifest */
export function settingsSchema(manifest) {
  /** @type {Record<string, unknown>} */
  const properties = { $schema: { type: 'string' } };
  /** `files.inventory` is `inventory` in an object `files`: @type {Record<string, Record<string, unknown>>} */
  const groups = {};
  for (const [name, property] of Object.entries(manifest.contributes.configuration.properties)) {
    const key = name.slice(PREFIX.length);
    if (!name.startsWith(PREFIX) || EDITOR_ONLY.has(key)) continue;
    const dot = key.indexOf('.');
    if (dot < 0) properties[key] = schemaOf(property);
    else (groups[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = schemaOf(property);
  }
  for (const [group, members] of Object.entries(groups)) properties[group] = { type: 'object', additionalProperties: false, properties: members };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kube Expose settings (.kube-expose.json)',
    description: 'Read by the kube-expose CLI and by the editor, where each setting set here takes the place of the editor one.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

/** Writes the schema of the manifest at `manifestPath` to `outPath`. */
export function writeSettingsSchema(manifestPath, outPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(settingsSchema(manifest), null, 2)}\n`);
}
