/** A pattern may not expand to more hosts than this: a typo such as `web-[1:99999999]` must not exhaust memory. */
const MAX_HOSTS = 10_000;

/**
 * The hosts an inventory host pattern names, as Ansible expands it: `gateway-[1:3]`, `web-[01:10:2]`,
 * `db-[a:c]`, several ranges in one name; a trailing `:port` is not part of the name.
 */
export function expandHostPattern(pattern: string): string[] {
  const withoutPort = /^([^[\]:]+|.*\])(?::\d+)$/.exec(pattern)?.[1] ?? pattern;
  const result: string[] = [];
  expandInto(withoutPort, result);
  return result;
}

function expandInto(pattern: string, into: string[]): void {
  if (into.length >= MAX_HOSTS) return;
  const match = /^(.*?)\[([^\]:]*):([^\]:]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (!match) {
    into.push(pattern);
    return;
  }
  const [, head = '', first = '', last = '', step, tail = ''] = match;
  const stride = step === undefined ? 1 : Math.max(1, Number(step));
  if (/^[a-z]?$/i.test(first) && /^[a-z]$/i.test(last) && !/^\d/.test(last)) {
    const from = (first || 'a').charCodeAt(0);
    for (let code = from; code <= last.charCodeAt(0); code += stride) expandInto(head + String.fromCharCode(code) + tail, into);
    return;
  }
  if (!/^\d*$/.test(first) || !/^\d+$/.test(last)) {
    into.push(pattern);
    return;
  }
  const width = first.startsWith('0') && first.length > 1 ? first.length : 0;
  for (let value = Number(first || '0'); value <= Number(last) && into.length < MAX_HOSTS; value += stride) {
    expandInto(head + String(value).padStart(width, '0') + tail, into);
  }
}
