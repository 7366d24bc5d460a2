/**
 * A value of an INI inventory, typed as Ansible types it (it tries Python's `literal_eval`): numbers,
 * quoted strings and True/False/None become those; anything else stays the text as written.
 */
export function readIniValue(raw: string): string | number | boolean | null {
  const text = raw.trim();
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$/.test(text)) return Number(text);
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  if (quoted) return quoted[2] ?? '';
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'None') return null;
  return text;
}
