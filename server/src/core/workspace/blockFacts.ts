import type { TemplateExpression } from '../jinja/template';
import type { Located, ProxyEntryFact, RouteEntryFact, VariableFact } from '../model/facts';
import { readProxy } from '../model/proxy';
import { readRoutes } from '../model/routes';
import { readVariables } from '../model/variables';
import { attachSpans, blockDocuments, type Block } from '../yaml/blocks';
import { templatesOf, validate } from './documentChecks';
import { entrySource } from '../text/source';
import type { LocalProblem } from '../model/files';

/** What one top-level entry of a routes, proxy or vars file contributes to the file's model. */
export interface BlockFacts {
  readonly routes: readonly RouteEntryFact[];
  readonly proxy: readonly ProxyEntryFact[];
  readonly targetGroup?: Located<string>;
  readonly variables: readonly VariableFact[];
  readonly templates: readonly TemplateExpression[];
  readonly schema: readonly LocalProblem[];
}

export type BlockKind = 'routes' | 'proxy' | 'vars';

/**
 * A block object stands for one text, moved in place with edits before it (its facts' spans move with it), so
 * the facts read from it stay true while it is reused. Keeping the same fact objects for unchanged entries is
 * also what lets the rules tell which entries an edit touched, by identity.
 */
interface Memo {
  readonly kind: BlockKind;
  readonly facts: BlockFacts;
}

const NONE: readonly never[] = [];

export function factsOfBlock(block: Block, kind: BlockKind): BlockFacts {
  const cached = block.memo.facts as Memo | undefined;
  if (cached?.kind === kind) return cached.facts;
  const documents = blockDocuments(block);
  // The entry's own text, never the file's: these facts outlive the version of the file they were read from.
  const text = entrySource(block.text, block.start);
  let facts: BlockFacts;
  if (kind === 'vars') {
    facts = { routes: NONE, proxy: NONE, variables: readVariables(documents), templates: NONE, schema: NONE };
  } else {
    const schema: LocalProblem[] = [];
    for (const document of documents) validate(document, kind, schema);
    const templates = templatesOf(documents, text);
    if (kind === 'routes') {
      facts = { routes: readRoutes(documents, text).entries, proxy: NONE, variables: NONE, templates, schema };
    } else {
      const proxy = readProxy(documents, text);
      facts = { routes: NONE, proxy: proxy.entries, ...(proxy.targetGroup ? { targetGroup: proxy.targetGroup } : {}), variables: NONE, templates, schema };
    }
  }
  attachSpans(block, facts);
  const memo: Memo = { kind, facts };
  block.memo.facts = memo;
  return facts;
}
