import type { Document } from 'yaml';
import type { SourceText } from '../text/source';
import { entries, get, getPath, keySpanOf, spanOf } from '../yaml/nodes';
import { optional } from '../util';
import type { ProxyEntryFact, ProxyFacts } from './facts';
import { locatedText } from './located';
import { readPortRef } from './portRef';

/** The entries of a proxy.yml, in the flat form or wrapped as `proxies: { target, routes }`. */
export function proxyEntryNodes(root: unknown): ReturnType<typeof entries> {
  const wrapped = get(root, 'proxies');
  return wrapped ? entries(get(wrapped.value, 'routes')?.value) : entries(root);
}

export function readProxy(documents: readonly Document.Parsed[], source: SourceText): ProxyFacts {
  const result: ProxyEntryFact[] = [];
  let targetGroup;
  for (const document of documents) {
    const facts = readProxyDocument(document, source);
    targetGroup ??= facts.targetGroup;
    result.push(...facts.entries);
  }
  return { entries: result, ...optional('targetGroup', targetGroup) };
}

function readProxyDocument(document: Document.Parsed, source: SourceText): ProxyFacts {
  const result: ProxyEntryFact[] = [];
  const root = document.contents;
  const targetGroup = locatedText(getPath(root, ['proxies', 'target', 'group'])?.value);
  for (const entry of proxyEntryNodes(root)) {
    const keySpan = keySpanOf(entry.pair);
    if (!keySpan) continue;
    const destination = get(entry.value, 'destination')?.value;
    result.push({
      app: entry.key,
      keySpan,
      entrySpan: spanOf(entry.value as never) ?? keySpan,
      ...optional('port', readPortRef(get(entry.value, 'port')?.value, source)),
      ...optional('mode', locatedText(get(entry.value, 'mode')?.value)),
      ...optional('destinationGroup', locatedText(getPath(destination, ['group', 'name'])?.value)),
      ...optional('destinationPort', readPortRef(getPath(destination, ['group', 'port'])?.value, source)),
    });
  }
  return { entries: result, ...optional('targetGroup', targetGroup) };
}
