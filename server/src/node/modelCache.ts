import { createHash, hash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../core/settings';
import type { PreparedFileModel } from '../core/model/files';
import type { FileDescriptor } from '../core/workspace/prepare';
import { isRecord } from '../core/util';

const FORMAT = 'kube-expose-model-cache';
// Raised whenever what a file's model holds changes shape or meaning (2: inventories by content, groupVars; 3: an ASCII body).
const SCHEMA = 3;

/** A model as the cache keeps it: without the file's text, which is read again to check the hash anyway. */
type Stored = Omit<PreparedFileModel, 'text'> | null;
type Entry = [hash: string, kind: string, env: string | null, model: Stored];

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
 */
export class ModelCache {
  private readonly previous: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();
  private changed = false;
  /** Why the file on disk was not used, if it was not (missing is no reason). */
  readonly ignored: string | undefined;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    previous: Map<string, Entry>,
    ignored: string | undefined,
  ) {
    this.previous = previous;
    this.ignored = ignored;
    // A cache that was not used is rewritten even when nothing changed, so that the next run can use it.
    this.changed = ignored !== undefined;
  }

  static load(file: string, key: string): ModelCache {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return new ModelCache(file, key, new Map(), undefined);
    }
    const read = readEntries(bytes, key);
    return typeof read === 'string' ? new ModelCache(file, key, new Map(), read) : new ModelCache(file, key, read, undefined);
  }

  /** The model kept for this file and text, or `missing` (`undefined` is a model too: the file holds nothing to index). */
  lookup(descriptor: FileDescriptor, text: string, hash = hashText(text)): PreparedFileModel | undefined | typeof MISSING {
    const entry = this.previous.get(descriptor.path);
    if (!entry || entry[0] !== hash || entry[1] !== descriptor.kind || entry[2] !== (descriptor.env ?? null)) return MISSING;
    this.next.set(descriptor.path, entry);
    const stored = entry[3];
    return stored === null ? undefined : { ...stored, text };
  }

  remember(descriptor: FileDescriptor, model: PreparedFileModel | undefined, text: string, hash = hashText(text)): void {
    let stored: Stored = null;
    if (model) {
      const { text, ...rest } = model;
      void text;
      stored = rest;
    }
    this.next.set(descriptor.path, [hash, descriptor.kind, descriptor.env ?? null, stored]);
    this.changed = true;
  }

  /** Writes what this run read (files gone since are dropped), atomically: a reader never sees half a cache. */
  save(): { written: boolean; bytes: number; error?: string } {
    if (!this.changed && this.next.size === this.previous.size) return { written: false, bytes: 0 };
    // ASCII only (JSON escapes for the rest), so that reading it back decodes bytes one to one (latin1), a third
    // of the time of UTF-8 decoding on a large cache.
    const body = Buffer.from(JSON.stringify(Object.fromEntries(this.next)).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
    const header = JSON.stringify({ format: FORMAT, schema: SCHEMA, key: this.key, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), body]));
      renameSync(temporary, this.file);
      return { written: true, bytes: Buffer.byteLength(header) + 1 + body.length };
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written there (its folder could not be made).
      }
      return { written: false, bytes: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

export const MISSING: unique symbol = Symbol('missing');

function readEntries(bytes: Buffer, key: string): Map<string, Entry> | string {
  const newline = bytes.indexOf(10);
  if (newline < 0) return 'it is truncated';
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline));
  } catch {
    return 'its header is not valid';
  }
  if (!isRecord(header) || header['format'] !== FORMAT) return 'it is not a Kube Expose cache';
  if (header['schema'] !== SCHEMA) return 'it was written in another format';
  if (header['key'] !== key) return 'it was written by another version or with other settings';
  const body = bytes.subarray(newline + 1);
  if (header['bytes'] !== body.length) return 'it is truncated';
  if (header['sha256'] !== createHash('sha256').update(body).digest('hex')) return 'its content does not match its checksum';
  let parsed: unknown;
  try {
    // Written as ASCII (see save): a byte that is not is corruption, which the checksum has already ruled out.
    parsed = JSON.parse(body.toString('latin1'));
  } catch {
    return 'its content is not valid';
  }
  if (!isRecord(parsed)) return 'its content is not valid';
  const entries = new Map<string, Entry>();
  for (const [path, entry] of Object.entries(parsed)) {
    if (!Array.isArray(entry) || entry.length !== 4 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || !(entry[2] === null || typeof entry[2] === 'string') || !(entry[3] === null || isRecord(entry[3]))) {
      return 'its content is not valid';
    }
    entries.set(path, entry as Entry);
  }
  return entries;
}
