import type { TemplateExpression } from '../jinja/template';
import type { Located, ProxyEntryFact, RouteEntryFact, VariableFact } from '../model/facts';
import { readProxy } from '../model/proxy';
import { readRoutes } from '../model/routes';
import { readVariables } from '../model/variables';
import { attachSpans, blockDocuments, type Block } from '../yaml/blocks';
import { templatesAndYaml11Problems, validate, yaml11Problems } from './documentChecks';
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
  return keepFacts(block, kind, readBlockFacts(block, kind));
}

/** The facts read from the block's documents now, whatever it holds already. */
export function readBlockFacts(block: Block, kind: BlockKind): BlockFacts {
  const documents = blockDocuments(block);
  // The entry's own text, never the file's: these facts outlive the version of the file they were read from.
  const text = entrySource(block.text, block.start);
  let facts: BlockFacts;
  if (kind === 'vars') {
    const schema: LocalProblem[] = [];
    yaml11Problems(documents, schema);
    facts = { routes: NONE, proxy: NONE, variables: readVariables(documents), templates: NONE, schema: schema.length ? schema : NONE };
  } else {
    const schema: LocalProblem[] = [];
    for (const document of documents) validate(document, kind, schema);
    const templates = templatesAndYaml11Problems(documents, text, schema);
    if (kind === 'routes') {
      facts = { routes: readRoutes(documents, text).entries, proxy: NONE, variables: NONE, templates, schema };
    } else {
      const proxy = readProxy(documents, text);
      facts = { routes: NONE, proxy: proxy.entries, ...(proxy.targetGroup ? { targetGroup: proxy.targetGroup } : {}), variables: NONE, templates, schema };
    }
  }
  return facts;
}

/**
 * Makes `facts` the block's own: kept with it, and moved with it. Also how an entry cut from a file the index read
 * whole (see lazyBlocks) gets the facts the index read of it, so that they need not be read again.
 */
export function keepFacts(block: Block, kind: BlockKind, facts: BlockFacts): BlockFacts {
  attachSpans(block, facts);
  const memo: Memo = { kind, facts };
  block.memo.facts = memo;
  return facts;
}

/** The facts kept with the block, if any were read or given for `kind`. */
export function keptFacts(block: Block, kind: BlockKind): BlockFacts | undefined {
  const cached = block.memo.facts as Memo | undefined;
  return cached?.kind === kind ? cached.facts : undefined;
}
