import { createHash, hash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import type { Settings } from '../core/settings';
import type { FileModel, PreparedFileModel } from '../core/model/files';
import type { FileDescriptor } from '../core/workspace/prepare';
import { isRecord } from '../core/util';
import { entryMarks, type EntryMarks } from '../core/workspace/keptEntries';
import { prepared } from '../core/workspace/fileModel';
import { jsonSafe } from './jsonSafe';
import { asciiText, checksFile, hintsFile, hintsShard, writeHints, readShards, shardFile, shardOf, SHARDS, writeHeader, writeShard, type ShardSum } from './cacheShards';
import { copyLazyFacts, LAZY_FACTS, lazyKeys, lazyTexts, withLazyFacts, type LazyFact, type LazySources } from '../core/workspace/lazyFacts';
import { largeJson } from './shippedModel';
import { isCheckResults, type CheckResults, type InputsDigest } from '../core/workspace/checkResults';
import type { LastRun } from '../core/workspace/unitsPatch';

// Raised whenever what a file's model holds changes shape or meaning (2: inventories by content, groupVars; 3: ASCII
// shards; 4: entry marks; 5: large facts after the JSON; 6: 64 shards, each with its hints).
const SCHEMA = 6;

/** A model as the cache keeps it: without the file's text, which is read again to check the hash anyway. */
type Stored = Omit<PreparedFileModel, 'text'> | null;
type Entry = [hash: string, kind: string, env: string | null, model: Stored, marks?: EntryMarks];
/** Where each of an entry's large facts lies in its shard's tail (see writeShard): offset and length. */
type TailSpans = Partial<Record<LazyFact, [number, number]>>;
/** An entry as a shard's JSON holds it. */
type DiskEntry = [hash: string, kind: string, env: string | null, model: Stored, marks?: EntryMarks | null, tail?: TailSpans];

/** Ends the hint of a file whose entries are kept (see keptEntries.ts): the worker leaves it to the caller to build. */
export const ENTRIES_KEPT = '#';

/** What a cache must have been written with to be trusted: the tool's version and what the settings make of files. */
export function cacheKey(version: string, settings: Settings): string {
  const { files, serviceEnvironments, maxFileSize, maxAliasCount } = settings;
  return JSON.stringify({ version, files, serviceEnvironments, maxFileSize, maxAliasCount });
}

// The one-shot form: a warm start hashes every file, and a Hash object per file costs more than the hashing.
// (crypto.hash is Node 20.12 and later.)
export const hashText = (text: string): string => (typeof hash === 'function' ? hash('sha1', text, 'base64') : createHash('sha1').update(text).digest('base64'));

/**
 * What a cold index computes per file, kept on disk between runs (as ESLint's --cache): a warm start reads each
 * file and its hash, and builds only the files whose content changed. A cache that is corrupt, truncated, written
 * by another version or with other settings is ignored (and said why), never trusted; it is rewritten whole.
 * Saving rewrites only the shards (see cacheShards.ts) whose entries changed.
 */
export class ModelCache {
  private readonly next = new Map<string, Entry>();
  /** Shards whose entries this run changed; all of them when the cache on disk was not used. */
  private readonly dirty = new Set<number>();

  /** The content hash of each file this run read, with the text it is of. */
  private readonly hashes = new Map<string, { readonly text: string; readonly hash: string }>();
  private readonly lines = new WeakMap<FileModel, { readonly text: string; readonly line: string }>();
  private nextChecks: { readonly results: CheckResults; readonly json: string } | undefined;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly previous: Map<string, Entry>,
    private readonly sums: readonly ShardSum[] | undefined,
    /** Why the file on disk was not used, if it was not (missing is no reason). */
    readonly ignored: string | undefined,
    private readonly checks: { readonly results: CheckResults; readonly sum: ShardSum } | undefined = undefined,
  ) {
    // A cache that was not used is rewritten even when nothing changed, so that the next run can use it.
    if (!sums) for (let shard = 0; shard < SHARDS; shard++) this.dirty.add(shard);
  }

  static load(file: string, key: string): ModelCache {
    const read = readShards(file, SCHEMA, key);
    if (typeof read === 'string') return new ModelCache(file, key, new Map(), undefined, read === 'missing' ? undefined : read);
    const entries = new Map<string, Entry>();
    for (const shard of read.shards) {
      if (!isRecord(shard.value)) return new ModelCache(file, key, new Map(), undefined, 'its content is not valid');
      for (const [path, entry] of Object.entries(shard.value)) {
        const kept = isEntry(entry) ? fromDisk(entry, shard.tail) : undefined;
        if (!kept) return new ModelCache(file, key, new Map(), undefined, 'its content is not valid');
        entries.set(path, kept);
      }
    }
    // Results of another shape are not offered (and rewritten); the models stay good.
    const checks = read.checks && isCheckResults(read.checks.content) ? { results: read.checks.content, sum: read.checks.sum } : undefined;
    return new ModelCache(file, key, entries, read.sums, undefined, checks);
  }

  /** What the last run's cross-file checks found, to offer the workspace (see Workspace.offerResults). */
  checkResults(): CheckResults {
    return this.checks?.results ?? {};
  }

  rememberCheckResults(results: CheckResults): void {
    this.nextChecks = { results, json: JSON.stringify(results) };
  }

  /**
   * The digest of a check's inputs (see checkResults.ts), from the hashes of the files this run read: a file whose
   * text is another (an editor's) is hashed again.
   */
  readonly digest: InputsDigest = (files, extra) => {
    // One update of the whole: an update per file cost more than the hashing (10,000 Service files, twice a run).
    const lines = [extra];
    for (const file of files) {
      const memo = this.lines.get(file);
      if (memo && memo.text === file.text) {
        lines.push(memo.line);
        continue;
      }
      const known = this.hashes.get(file.path);
      const line = `${file.path}\0${file.kind}\0${file.env ?? ''}\0${known && known.text === file.text ? known.hash : hashText(file.text)}`;
      // A Service file is in the digest of the Services and of each environment that may reach it.
      this.lines.set(file, { text: file.text, line });
      lines.push(line);
    }
    return hashText(lines.join('\n'));
  };

  /** The models of last run that changed files were built from, their kept entries (see cachedModels.ts). */
  private readonly rebuilt = new Map<string, Omit<PreparedFileModel, 'text'>>();

  /**
   * What the last run read, the run whose check results this cache holds, for an environment to keep the chains a
   * change cannot reach (see unitsPatch.ts).
   */
  readonly lastRun: LastRun = {
    unchanged: (file) => {
      const known = this.hashes.get(file.path);
      const entry = this.previous.get(file.path);
      return known !== undefined && entry !== undefined && known.text === file.text && entry[0] === known.hash && entry[1] === file.kind && entry[2] === (file.env ?? null);
    },
    entriesBefore: (file) => {
      const model = this.rebuilt.get(file.path);
      const known = this.hashes.get(file.path);
      // Only while the workspace holds the model built then (an editor's text is another).
      return model && known?.text === file.text ? (model.routes?.entries ?? model.proxy?.entries) : undefined;
    },
  };

  /** A changed file's model was built from the entries kept of `model`, the last run's. */
  rebuiltFrom(path: string, model: Omit<PreparedFileModel, 'text'>): void {
    this.rebuilt.set(path, model);
  }

  /** The model kept for this file and text, or `missing` (`undefined` is a model too: the file holds nothing to index). */
  lookup(descriptor: FileDescriptor, text: string, hash = hashText(text)): PreparedFileModel | undefined | typeof MISSING {
    this.hashes.set(descriptor.path, { text, hash });
    const entry = this.previous.get(descriptor.path);
    if (!entry || entry[0] !== hash || entry[1] !== descriptor.kind || entry[2] !== (descriptor.env ?? null)) return MISSING;
    this.next.set(descriptor.path, entry);
    const stored = entry[3];
    // Field by field (see prepared): spreading thousands of parsed objects cost more.
    return stored === null ? undefined : prepared(stored, text);
  }

  /** The model kept for an earlier version of the file, with its entries' marks, if it has them. */
  keptEntries(descriptor: FileDescriptor): { readonly model: Omit<PreparedFileModel, 'text'>; readonly marks: EntryMarks } | undefined {
    const entry = this.previous.get(descriptor.path);
    if (!entry || entry[1] !== descriptor.kind || entry[2] !== (descriptor.env ?? null) || !entry[3] || !entry[4]) return undefined;
    return { model: entry[3], marks: entry[4] };
  }

  remember(descriptor: FileDescriptor, model: PreparedFileModel | undefined, text: string, hash = hashText(text)): void {
    if (model) this.hashes.set(descriptor.path, { text: model.text, hash });
    const stored: Stored = model ? withoutText(model) : null;
    this.dirty.add(shardOf(descriptor.path));
    // A value JSON cannot keep (an `.inf`) would come back changed: such a file is built again each run instead.
    // Facts kept as text are JSON already.
    if (!jsonSafe(stored, 0, stored ? lazyKeys(stored) : undefined)) return;
    const marks = model && entryMarks(model, hashText);
    this.next.set(descriptor.path, marks ? [hash, descriptor.kind, descriptor.env ?? null, stored, marks] : [hash, descriptor.kind, descriptor.env ?? null, stored]);
  }

  /** Writes what this run read (files gone since are dropped), each shard and then the header atomically. */
  save(): { written: boolean; bytes: number; error?: string } {
    const byShard = Array.from({ length: SHARDS }, (): Map<string, Entry> => new Map());
    for (const [path, entry] of this.next) byShard[shardOf(path)]?.set(path, entry);
    // A file gone since the last run leaves its shard with fewer entries than it had.
    const counts = new Array<number>(SHARDS).fill(0);
    for (const path of this.previous.keys()) counts[shardOf(path)] = (counts[shardOf(path)] ?? 0) + 1;
    byShard.forEach((entries, shard) => {
      if (entries.size !== counts[shard]) this.dirty.add(shard);
    });
    const checksChanged = this.nextChecks !== undefined && this.nextChecks.json !== JSON.stringify(this.checks?.results ?? null);
    // A cache from before the hints (or whose hints were lost) gets them.
    const hintsMissing = byShard.map((_, shard) => !existsSync(hintsShard(hintsFile(this.file), shard)));
    if (this.dirty.size === 0 && !checksChanged && !hintsMissing.includes(true)) return { written: false, bytes: 0 };
    try {
      let bytes = 0;
      let checks = this.checks?.sum;
      if (this.nextChecks && checksChanged) {
        checks = writeShard(checksFile(this.file), this.nextChecks.results);
        bytes += checks.bytes;
      }
      const sums = byShard.map((entries, shard) => {
        const kept = this.sums?.[shard];
        if (kept && !this.dirty.has(shard)) return kept;
        const tail: string[] = [];
        const at = { offset: 0 };
        const content: Record<string, DiskEntry> = {};
        for (const [path, entry] of entries) content[path] = toDisk(entry, tail, at);
        const sum = writeShard(shardFile(this.file, shard), content, tail.join(''));
        bytes += sum.bytes;
        return sum;
      });
      bytes += writeHeader(this.file, SCHEMA, this.key, sums, checks);
      byShard.forEach((entries, shard) => {
        if (!this.dirty.has(shard) && !hintsMissing[shard]) return;
        const hashes: Record<string, string> = {};
        for (const [path, entry] of entries) hashes[path] = entry[4] ? `${entry[0]}${ENTRIES_KEPT}` : entry[0];
        writeHints(this.file, shard, hashes);
      });
      // Schema 5 kept every hint in one file.
      if (hintsMissing.includes(true)) rmSync(hintsFile(this.file), { force: true });
      return { written: true, bytes };
    } catch (error) {
      return { written: false, bytes: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

export const MISSING: unique symbol = Symbol('missing');

/** The model as an entry keeps it: without its text, its facts still held as text kept so. */
function withoutText(model: PreparedFileModel): Omit<PreparedFileModel, 'text'> {
  const lazy = lazyKeys(model) ?? [];
  const fields = model as unknown as Readonly<Record<string, unknown>>;
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(model)) if (key !== 'text' && !(lazy as readonly string[]).includes(key)) stored[key] = fields[key];
  return copyLazyFacts(model, stored) as unknown as Omit<PreparedFileModel, 'text'>;
}

/** The entry as kept in memory, its large facts read from `tail` when first asked; undefined if they are not there. */
function fromDisk(entry: DiskEntry, tail: Buffer): Entry | undefined {
  const [hash, kind, env, model, marks, spans] = entry;
  if (spans) {
    if (!model) return undefined;
    const sources: LazySources = {};
    for (const key of LAZY_FACTS) {
      const span = spans[key];
      if (!span) continue;
      const [offset, length] = span;
      if (offset + length > tail.length) return undefined;
      // Not copied (copying the pieces cost a tenth of the load): a fact never read keeps its shard's bytes in memory.
      sources[key] = () => tail.toString('latin1', offset, offset + length);
    }
    withLazyFacts(model, sources);
  }
  return marks ? [hash, kind, env, model, marks] : [hash, kind, env, model];
}

/** The entry as a shard's JSON holds it, its large facts' texts added to `tail` (at `at.offset`, moved on). */
function toDisk(entry: Entry, tail: string[], at: { offset: number }): DiskEntry {
  const [hash, kind, env, model, marks] = entry;
  if (!model) return marks ? [hash, kind, env, model, marks] : [hash, kind, env, model];
  // Facts kept as text since the cache was read are written back as they were, without being parsed.
  const kept = lazyTexts(model);
  const fields = model as Readonly<Record<string, unknown>>;
  const spans: TailSpans = {};
  let any = false;
  for (const key of LAZY_FACTS) {
    // A worker's text (see shippedModel.ts) may hold any character: the shard is ASCII.
    const keptText = kept?.[key];
    let text = keptText === undefined ? undefined : asciiText(keptText);
    if (text === undefined) {
      const json = largeJson(fields[key]);
      if (json !== undefined) text = asciiText(json);
    }
    if (text === undefined) continue;
    spans[key] = [at.offset, text.length];
    tail.push(text);
    at.offset += text.length;
    any = true;
  }
  if (!any) return marks ? [hash, kind, env, model, marks] : [hash, kind, env, model];
  const head: Record<string, unknown> = {};
  for (const name of Object.keys(model)) if (!(name in spans)) head[name] = fields[name];
  return [hash, kind, env, head as unknown as Stored, marks ?? null, spans];
}

function isEntry(entry: unknown): entry is DiskEntry {
  return (
    Array.isArray(entry) &&
    (entry.length === 4 || (entry.length === 5 && isMarks(entry[4])) || (entry.length === 6 && (entry[4] === null || isMarks(entry[4])) && isTailSpans(entry[5]))) &&
    typeof entry[0] === 'string' &&
    typeof entry[1] === 'string' &&
    (entry[2] === null || typeof entry[2] === 'string') &&
    (entry[3] === null || isRecord(entry[3]))
  );
}

function isTailSpans(spans: unknown): spans is TailSpans {
  return isRecord(spans) && Object.entries(spans).every(([key, span]) => (LAZY_FACTS as readonly string[]).includes(key) && Array.isArray(span) && span.length === 2 && span.every((value) => Number.isInteger(value) && value >= 0));
}

function isMarks(marks: unknown): marks is EntryMarks {
  return Array.isArray(marks) && marks.every((mark) => Array.isArray(mark) && mark.length === 3 && Number.isInteger(mark[0]) && Number.isInteger(mark[1]) && typeof mark[2] === 'string');
}
