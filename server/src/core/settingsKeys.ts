import { isRecord } from './util';

/**
 * Every name `.kube-expose.json` may set, as the extension's settings name it without the `kubeExpose.` prefix.
 * `severity` and `serviceEnvironments` hold maps of their own; the editor-only names are accepted so that one
 * file serves both.
 */
export const SETTING_NAMES = [
  'files.inventory',
  'files.vars',
  'files.proxy',
  'files.routes',
  'files.kubernetes',
  'files.exclude',
  'serviceEnvironments',
  'gatewayGroup',
  'nodePortRange',
  'severity',
  'maxFileSize',
  'maxAliasCount',
  'scaffold.servicePath',
  'deferToYamlExtension',
  'coldReader',
  'trace.server',
  'server.maxMemory',
] as const;

const GROUPS = new Set(SETTING_NAMES.filter((name) => name.includes('.')).map((name) => name.slice(0, name.indexOf('.'))));
const PREFIX = 'kubeExpose.';

/**
 * The settings of `.kube-expose.json` as nested objects, whichever form each was written in: `"files.exclude"`
 * (as in VS Code's settings.json) and `"files": {"exclude": ...}` say the same. A name that is no setting is
 * reported with the nearest known one, never silently ignored.
 */
export function normalizeSettingsFile(raw: unknown, problems: string[]): unknown {
  if (raw === undefined) return raw;
  if (!isRecord(raw)) {
    problems.push('must be a JSON object of settings');
    return undefined;
  }
  const result: Record<string, unknown> = {};
  const put = (name: string, value: unknown): void => {
    if (!(SETTING_NAMES as readonly string[]).includes(name)) {
      problems.push(`unknown setting "${name}"${suggestion(name)}`);
      return;
    }
    const dot = name.indexOf('.');
    if (dot < 0) {
      result[name] = value;
      return;
    }
    const group = name.slice(0, dot);
    const nested = isRecord(result[group]) ? (result[group]) : {};
    result[group] = { ...nested, [name.slice(dot + 1)]: value };
  };
  for (const [key, value] of Object.entries(raw)) {
    if (GROUPS.has(key) && isRecord(value)) for (const [inner, innerValue] of Object.entries(value)) put(`${key}.${inner}`, innerValue);
    else put(key, value);
  }
  return result;
}

function suggestion(name: string): string {
  if (name.startsWith(PREFIX)) return ` (write it without the prefix: "${name.slice(PREFIX.length)}")`;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of SETTING_NAMES) {
    const distance = editDistance(name.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : ` (known: ${SETTING_NAMES.join(', ')})`;
}

/** Levenshtein distance, with a transposition counted as one edit (`Rnage` is one typo of `Range`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}

/** The keys `normalizeSettingsFile` produced, by their full dotted names: the settings the file sets. */
export function settingNamesIn(normalized: unknown): string[] {
  if (!isRecord(normalized)) return [];
  return Object.entries(normalized).flatMap(([key, value]) => (GROUPS.has(key) && isRecord(value) ? Object.keys(value).map((inner) => `${key}.${inner}`) : [key]));
}
