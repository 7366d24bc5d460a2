/** Emacs Lisp data as far as a configuration uses it: lists, symbols, strings; `'x` reads as (quote x). */
export type Form = string | { string: string } | Form[];

/** Reads every top-level form of `source`; throws on unbalanced parentheses or an unterminated string. */
export function readForms(source: string): Form[] {
  const tokens = source.replace(/;[^\n]*/g, '').match(/"(?:[^"\\]|\\.)*"?|#?'|[()]|[^\s()'"]+/g) ?? [];
  let at = 0;
  function read(): Form {
    const token = tokens[at++];
    if (token === undefined) throw new Error('unexpected end of input');
    if (token === "'" || token === "#'") return [token === "'" ? 'quote' : 'function', read()];
    if (token.startsWith('"')) {
      if (token.length < 2 || !token.endsWith('"')) throw new Error(`unterminated string ${token}`);
      return { string: JSON.parse(token) as string };
    }
    if (token === ')') throw new Error('unbalanced )');
    if (token !== '(') return token;
    const list: Form[] = [];
    while (tokens[at] !== ')') {
      if (at >= tokens.length) throw new Error('unbalanced (');
      if (tokens[at] === '.') {
        // A dotted pair whose tail is a list is that longer list: (a . (b c)) is (a b c).
        at++;
        const tail = read();
        if (!Array.isArray(tail)) throw new Error('a dotted pair with an atom tail');
        list.push(...tail);
        continue;
      }
      list.push(read());
    }
    at++;
    return list;
  }
  const forms: Form[] = [];
  while (at < tokens.length) forms.push(read());
  return forms;
}
