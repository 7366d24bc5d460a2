import { isMap, isScalar, parseDocument } from 'yaml';

// An inventory in a folder no layout names is recognised by what Ansible's `ini` and `yaml` inventory plugins
// would accept, so that a tox.ini, an /etc/hosts template or a Kubernetes manifest is never taken for one.

const GROUP_KEYS = new Set(['hosts', 'children', 'vars']);
const SECTION = /^\[([^\]\s:]+)(?::(vars|children))?\]\s*(?:[#;].*)?$/;
const HOST_PATTERN = /^[\w.\-[\]:]+$/;

/** Whether a file Ansible's INI plugin reads without error and that names at least one host or child group. */
export function isIniInventory(text: string): boolean {
  let section: 'hosts' | 'vars' | 'children' = 'hosts';
  let named = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = SECTION.exec(line);
    if (header) {
      section = header[2] === 'vars' ? 'vars' : header[2] === 'children' ? 'children' : 'hosts';
      continue;
    }
    if (line.startsWith('[')) return false;
    if (section === 'vars') {
      if (!/^[A-Za-z_]\w*\s*=/.test(line)) return false;
      continue;
    }
    const tokens = line.replace(/\s+#.*$/, '').split(/\s+/);
    const [head, ...vars] = tokens;
    if (head === undefined || !HOST_PATTERN.test(head)) return false;
    if (section === 'children' ? vars.length > 0 : vars.some((token) => !/^[A-Za-z_]\w*=/.test(token))) return false;
    named++;
  }
  return named > 0;
}

/** Cheap enough to ask of every YAML file: a top-level key, and a nested `hosts:` or `children:` key. */
function mayBeYamlInventory(text: string): boolean {
  return /^[ \t]+(?:hosts|children):[ \t]*(?:#.*)?$/m.test(text) && /^[^\s#-][^:\n]*:[ \t]*(?:#.*)?$/m.test(text);
}

/** Whether a YAML file is one document of groups, each with only `hosts`, `children` and `vars`. */
export function isYamlInventory(text: string): boolean {
  if (!mayBeYamlInventory(text)) return false;
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return false;
  let named = 0;
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') return false;
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
    if (!isMap(pair.value)) return false;
    for (const inner of pair.value.items) {
      const key = isScalar(inner.key) ? inner.key.value : undefined;
      if (typeof key !== 'string' || !GROUP_KEYS.has(key)) return false;
      if (key !== 'vars') named++;
    }
  }
  return named > 0;
}
