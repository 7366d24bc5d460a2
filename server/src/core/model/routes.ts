import type { Document } from 'yaml';
import type { SourceText } from '../text/source';
import { asSeq, entries, get, getPath, keySpanOf, scalarText, spanOf } from '../yaml/nodes';
import { optional } from '../util';
import type { Located, ProxyPassFact, RouteEntryFact, RoutesFacts, StreamFact } from './facts';
import { locatedText } from './located';
import { readPortRef } from './portRef';

export function readRoutes(documents: readonly Document.Parsed[], source: SourceText): RoutesFacts {
  const result: RouteEntryFact[] = [];
  for (const document of documents) result.push(...readRouteEntries(document, source));
  return { entries: result };
}

function readRouteEntries(document: Document.Parsed, source: SourceText): RouteEntryFact[] {
  const result: RouteEntryFact[] = [];
  for (const entry of entries(document.contents)) {
    const keySpan = keySpanOf(entry.pair);
    if (!keySpan) continue;
    const locations: Located<string>[] = [];
    const proxyPasses: ProxyPassFact[] = [];
    for (const item of asSeq(get(entry.value, 'webserver')?.value)?.items ?? []) {
      const location = locatedText(get(item, 'location')?.value);
      if (location) locations.push(location);
      // `values` may be a list, as for any directive; the role renders one proxy_pass per item.
      const values = getPath(item, ['params', 'proxy_pass', 'values'])?.value;
      for (const value of asSeq(values)?.items ?? [values]) {
        const pass = proxyPassOf(value, source);
        if (pass) proxyPasses.push(pass);
      }
    }
    const streamNode = get(entry.value, 'stream')?.value;
    const stream: StreamFact | undefined = streamNode
      ? {
          ...optional('name', locatedText(get(streamNode, 'name')?.value)),
          ...optional('port', readPortRef(get(streamNode, 'port')?.value, source)),
          ...optional('group', locatedText(get(streamNode, 'group')?.value)),
        }
      : undefined;
    result.push({ app: entry.key, keySpan, entrySpan: spanOf(entry.value as never) ?? keySpan, locations, proxyPasses, ...optional('stream', stream) });
  }
  return result;
}

function proxyPassOf(node: unknown, source: SourceText): ProxyPassFact | undefined {
  const text = scalarText(node);
  if (!text) return undefined;
  const match = /^\s*https?:\/\/([A-Za-z_][A-Za-z0-9_-]*)(?=[/\s]|$)/.exec(text.value);
  const name = match?.[1];
  if (!match || name === undefined || name === 'localhost') return { span: text.span, text: text.value };
  const raw = source.slice(text.span.start, text.span.end);
  const at = raw.indexOf(`://${name}`);
  const start = at < 0 ? text.span.start : text.span.start + at + 3;
  return { span: text.span, text: text.value, upstream: { value: name, span: { start, end: at < 0 ? text.span.end : start + name.length } } };
}
