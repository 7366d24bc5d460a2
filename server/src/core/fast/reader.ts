import { Document, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { mapNode, pairNode, plainScalarNode, scalarNode, seqNode } from './nodes';
import { KeysSeen, PARSE_OPTIONS } from '../yaml/duplicateKeys';
import { resolvePlain } from './scalars';
import { keyText } from '../yaml/nodes';

/**
 * A reader of the subset of YAML that group vars, routes, proxy and Service files are written in: block maps
 * and sequences, one-line plain and quoted scalars, comments (at the head of a document, after a value, or on
 * their own line at the column of the entry that follows). It
 * gives the `yaml` package's own node classes, with the ranges that package gives them, so that every fact
 * reader and check runs unchanged on what it returns. It reads about ten times faster, for it never builds
 * tokens nor a CST. Anything outside the subset is declined (the file is then read by `yaml`): tabs, CR, flow
 * collections, block scalars, multi-line scalars, escapes, anchors, aliases, tags, explicit or long keys,
 * directives, other comment lines, and whatever the subset's checks below do not recognise.
 */
export type FastRead = { readonly documents: Document.Parsed[] } | { readonly declined: string };

/** Control characters, BOM, line separators, lone or paired surrogates: left to `yaml`, which knows their rules. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNUSUAL = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u2028\u2029\ud800-\udfff]/;
/** The characters a plain scalar (a key too) may not start with: `[]{},#&*!|>%@`, a backquote and quotes. */
const INDICATORS = new Set([...'[]{},#&*!|>%@`\'"'].map((character) => character.charCodeAt(0)));

/** Whether a plain scalar (or a key) begins with an indicator, or with `-`, `?` or `:` alone or before a space. */
function startsWithIndicator(source: string): boolean {
  const first = source.charCodeAt(0);
  if (INDICATORS.has(first)) return true;
  return (first === 45 || first === 63 || first === 58) && (source.length === 1 || source.charCodeAt(1) === SPACE);
}
const MAX_KEY_LENGTH = 1000;
/** Nesting deeper than this is left to `yaml` (and to its diagnostic): recursion stays bounded. */
const MAX_DEPTH = 100;
const NL = 10;
const SPACE = 32;

class Declined extends Error {}

/** Where the next line with content begins, as the reader sees it. */
interface Line {
  readonly start: number;
  readonly indent: number;
  /** `start + indent`: where its content begins. */
  readonly at: number;
}

export function readFast(text: string): FastRead {
  if (UNUSUAL.test(text)) return { declined: 'unusual characters' };
  try {
    return { documents: new Reader(text).documents() };
  } catch (error) {
    if (error instanceof Declined) return { declined: error.message };
    throw error;
  }
}

class Reader {
  /** Start of the first line not read yet. */
  private pos = 0;
  /** The column of comment lines read before a less indented line, until the collection at that column ends. */
  private comment: number | undefined;
  /** A collection just ended with comment lines of its own: its parent must go on, or that stretches its range. */
  private trailing = false;
  constructor(private readonly text: string) {}

  documents(): Document.Parsed[] {
    const documents: Document.Parsed[] = [];
    let opened = false;
    for (;;) {
      const line = this.head(opened);
      if (!line) break;
      if (line.indent !== 0) throw new Declined('an indented root');
      const contents = this.map(0, line.at, 0);
      if (this.trailing || this.comment !== undefined) throw new Declined('comment lines at the end of a document');
      const document = new Document(undefined, PARSE_OPTIONS) as Document.Parsed;
      // Built with the ranges a parse gives: what `Parsed` adds to the node types.
      document.contents = contents as YAMLMap.Parsed;
      documents.push(document);
      const next = this.next();
      if (!next) break;
      if (!this.isDocumentStart(next)) throw new Declined('content after the root');
      this.pos = this.lineEnd(next.start);
      opened = true;
    }
    if (documents.length === 0) throw new Declined('no content');
    return documents;
  }

  /** Skips what may come before a document's root: blank and comment lines, one `---` (unless one already opened it). */
  private head(opened: boolean): Line | undefined {
    const text = this.text;
    for (;;) {
      if (this.pos >= text.length) {
        if (opened) throw new Declined('an empty document');
        return undefined;
      }
      const line = this.lineAt(this.pos);
      if (line.at >= text.length || text.charCodeAt(line.at) === NL || text.charCodeAt(line.at) === 35 /* # */) {
        this.pos = this.lineEnd(this.pos);
        continue;
      }
      if (this.isDocumentStart(line)) {
        if (opened) throw new Declined('an empty document');
        opened = true;
        this.pos = this.lineEnd(this.pos);
        continue;
      }
      return line;
    }
  }

  /** A block map whose keys are at column `indent`; its first key starts at `at` (mid-line in `- key: value`). */
  private map(indent: number, at: number, depth: number): YAMLMap {
    if (depth > MAX_DEPTH) throw new Declined('deep nesting');
    const map = mapNode();
    const keys = new KeysSeen();
    const start = at;
    let end = at;
    for (;;) {
      const key = this.key(at);
      if (!key) throw new Declined('a line that is not a key');
      const value = this.afterIndicator(key.colon + 1, indent, depth, true);
      const pair = pairNode(key.node, value);
      // The `yaml` path reports the key twice over (see duplicateKeys.ts): that file is left to it.
      if (!keys.add(keyText(pair))) throw new Declined('duplicate keys');
      map.items.push(pair);
      end = (value.range as [number, number, number])[2];
      const next = this.next();
      if (!next || next.indent < indent || this.isDocumentStart(next)) break;
      this.goOn();
      if (next.indent > indent) throw new Declined('a line indented deeper than its map');
      at = next.at;
    }
    this.end(indent);
    map.range = [start, end, end];
    return map;
  }

  /** A block sequence whose dashes are at column `indent`, the first at `at`. */
  private seq(indent: number, at: number, depth: number): YAMLSeq {
    if (depth > MAX_DEPTH) throw new Declined('deep nesting');
    const seq = seqNode();
    const start = at;
    let end = at;
    for (;;) {
      const value = this.afterIndicator(at + 1, indent, depth, false);
      seq.items.push(value);
      end = (value.range as [number, number, number])[2];
      const next = this.next();
      if (!next || next.indent < indent || this.isDocumentStart(next)) break;
      if (next.indent > indent) throw new Declined('a line indented deeper than its sequence');
      if (!this.isDash(next.at)) break;
      this.goOn();
      at = next.at;
    }
    this.end(indent);
    seq.range = [start, end, end];
    return seq;
  }

  /** A collection takes its next entry: the one that ended before it may end with comment lines. */
  private goOn(): void {
    this.trailing = false;
  }

  /**
   * A collection at `indent` ends. Comment lines before the next line, at the collection's column, end it in
   * the `yaml` parser too (they change only the end of its range past its last entry, which its parent reads
   * only if it ends too); deeper ones would stretch the last value before them.
   */
  private end(indent: number): void {
    if (this.trailing) throw new Declined('comment lines at the end of a last entry');
    if (this.comment === undefined || this.comment < indent) return;
    if (this.comment > indent) throw new Declined('comment lines deeper than the entry before them');
    this.comment = undefined;
    this.trailing = true;
  }

  /**
   * The node after a map's `:` or a sequence's `-` at `from`: a scalar on the same line, a compact map after a
   * dash, or the block below (a map's sequence may sit at the map's own column); null when nothing follows.
   */
  private afterIndicator(from: number, indent: number, depth: number, ofMap: boolean): Scalar | YAMLMap | YAMLSeq {
    const text = this.text;
    let p = from;
    while (text.charCodeAt(p) === SPACE) p++;
    const c = text.charCodeAt(p);
    if (p >= text.length || c === NL || c === 35 /* # */) {
      const commented = c === 35;
      if (commented && p === from) throw new Declined('a comment right after an indicator');
      this.pos = this.lineEnd(p);
      const next = this.next();
      if (next && !this.isDocumentStart(next)) {
        const dash = this.isDash(next.at);
        if (next.indent > indent || (ofMap && next.indent === indent && dash)) {
          return dash ? this.seq(next.indent, next.at, depth + 1) : this.map(next.indent, next.at, depth + 1);
        }
      }
      if (commented || this.comment !== undefined) throw new Declined('an empty value with a comment');
      return scalarNode(null, [p, p, p]);
    }
    if (!ofMap) {
      if (this.isDash(p)) throw new Declined('a sequence in a sequence item');
      if (this.key(p)) return this.map(p - this.lineStartOf(p), p, depth + 1);
    }
    const scalar = this.scalar(p, false);
    this.pos = scalar.lineEnd;
    const next = this.next();
    if (next && next.indent > indent && !this.isDocumentStart(next)) throw new Declined('a scalar continued on the next line');
    return scalar.node;
  }

  /** A one-line scalar at `p`, as a key (ends at `: `) or a value (ends at the end of the line or ` #`). */
  private scalar(p: number, asKey: boolean): { node: Scalar; end: number; lineEnd: number } {
    const text = this.text;
    const lineEnd = this.lineEnd(p);
    const eol = lineEnd > p && text.charCodeAt(lineEnd - 1) === NL ? lineEnd - 1 : lineEnd;
    const first = text.charCodeAt(p);
    let value: unknown;
    let end: number;
    let plain: string | undefined;
    if (first === 34 /* " */ || first === 39 /* ' */) {
      const close = this.closingQuote(p, eol, first);
      end = close + 1;
      const inner = text.slice(p + 1, close);
      value = first === 39 ? inner.replace(/''/g, "'") : inner;
      if (!asKey) {
        let q = end;
        while (text.charCodeAt(q) === SPACE) q++;
        if (q < eol && !(text.charCodeAt(q) === 35 && q > end)) throw new Declined('content after a quoted scalar');
      }
    } else {
      const line = text.slice(p, eol);
      if (startsWithIndicator(line)) throw new Declined('a scalar starting with an indicator');
      const comment = line.indexOf(' #');
      // YAML's white space is a space or a tab: trimEnd() would also drop a no-break space, which is content.
      const source = (comment < 0 ? line : line.slice(0, comment)).replace(/[ \t]+$/, '');
      if (!asKey && (source.includes(': ') || source.endsWith(':'))) throw new Declined('a colon in a plain scalar');
      end = p + source.length;
      value = resolvePlain(source);
      plain = source;
    }
    const range: [number, number, number] = [p, end, asKey ? end : lineEnd];
    return { node: plain === undefined ? scalarNode(value, range) : plainScalarNode(value, plain, range), end, lineEnd };
  }

  private closingQuote(p: number, eol: number, quote: number): number {
    const text = this.text;
    for (let q = p + 1; q < eol; q++) {
      const c = text.charCodeAt(q);
      if (c === 92 /* \ */ && quote === 34) throw new Declined('an escape in a double-quoted scalar');
      if (c !== quote) continue;
      if (quote === 39 && text.charCodeAt(q + 1) === 39) {
        q++;
        continue;
      }
      return q;
    }
    throw new Declined('a quoted scalar over several lines');
  }

  /** The key of `key: value` at `p`, or undefined when the line holds no implicit key there. */
  private key(p: number): { node: Scalar; colon: number } | undefined {
    const text = this.text;
    const first = text.charCodeAt(p);
    if (first === 34 || first === 39) {
      const eol = this.lineEnd(p);
      const close = this.closingQuote(p, eol, first);
      const colon = close + 1;
      if (text.charCodeAt(colon) !== 58 /* : */ || !this.endsToken(colon + 1)) return undefined;
      return { node: this.scalar(p, true).node, colon };
    }
    // The first colon that ends a token on the line, found by indexOf (a key is read for every line of a file).
    let eol = text.indexOf('\n', p);
    if (eol < 0) eol = text.length;
    let q = text.indexOf(':', p);
    while (q >= 0 && q < eol && !this.endsToken(q + 1)) q = text.indexOf(':', q + 1);
    if (q < 0 || q >= eol) return undefined;
    const source = text.slice(p, q);
    // A comment before it: the line holds no key.
    if (source.includes(' #')) return undefined;
    if (q - p > MAX_KEY_LENGTH) throw new Declined('a long key');
    if (text.charCodeAt(q - 1) === SPACE) throw new Declined('a space before a colon');
    if (startsWithIndicator(source) || source === '<<') throw new Declined('an unusual key');
    return { node: plainScalarNode(resolvePlain(source), source, [p, q, q]), colon: q };
  }

  private endsToken(q: number): boolean {
    const c = this.text.charCodeAt(q);
    return q >= this.text.length || c === SPACE || c === NL;
  }

  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === 45 /* - */ && this.endsToken(at + 1);
  }

  private isDocumentStart(line: Line): boolean {
    if (line.indent !== 0 || !this.text.startsWith('---', line.at) || !this.endsToken(line.at + 3)) return false;
    const eol = this.text.indexOf('\n', line.at);
    if (!/^[ \t]*$/.test(this.text.slice(line.at + 3, eol < 0 ? this.text.length : eol))) throw new Declined('content on a --- line');
    return true;
  }

  /**
   * The next line with content from `pos`. Comment lines before it are accepted only at its own column: the
   * `yaml` parser then makes them part of that line's entry, where they change no range. Elsewhere they may
   * stretch the end of an entry before them, by rules this reader leaves to that package.
   */
  private next(): Line | undefined {
    const text = this.text;
    let comment = -1;
    while (this.pos < text.length) {
      const line = this.lineAt(this.pos);
      const c = text.charCodeAt(line.at);
      if (line.at >= text.length || c === NL) {
        this.pos = this.lineEnd(this.pos);
        continue;
      }
      if (c === 35) {
        if (comment >= 0 && comment !== line.indent) throw new Declined('comment lines at several columns');
        comment = line.indent;
        this.pos = this.lineEnd(this.pos);
        continue;
      }
      if (comment >= 0 && (comment < line.indent || this.isDocumentStart(line))) throw new Declined('a comment line less indented than the next entry');
      if (comment > line.indent) this.comment = comment;
      return line;
    }
    // At column 0 they are the document's comment, and change no range (commented-out entries at the end of a
    // routes.yml, often); deeper, they would stretch the end of the last entry.
    if (comment > 0) throw new Declined('an indented comment line at the end');
    return undefined;
  }

  private lineAt(start: number): Line {
    let at = start;
    while (this.text.charCodeAt(at) === SPACE) at++;
    return { start, indent: at - start, at };
  }

  private lineStartOf(p: number): number {
    return this.text.lastIndexOf('\n', p - 1) + 1;
  }

  /** The offset after the line's newline (or the end of the text). */
  private lineEnd(p: number): number {
    const newline = this.text.indexOf('\n', p);
    return newline < 0 ? this.text.length : newline + 1;
  }
}
