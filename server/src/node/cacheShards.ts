import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isRecord } from '../core/util';

// How the model cache lies on disk: a header file (format, key, and each shard's size and checksum) and one file
// per shard of the entries. A run that changed a few files rewrites their shards and the header only: rewriting
// a whole 25 MB cache took longer than reading the changed file again.

export const SHARDS = 64;
const LINE_BREAK = 0x0a;
const FORMAT = 'kube-expose-model-cache';

export interface ShardSum {
  readonly bytes: number;
  readonly sha256: string;
}

/** The shard a file's entry lives in: a stable spread of the paths. */
export function shardOf(path: string): number {
  let hash = 2166136261;
  for (let index = 0; index < path.length; index++) hash = Math.imul(hash ^ path.charCodeAt(index), 16777619);
  return (hash >>> 0) % SHARDS;
}

export const shardFile = (file: string, shard: number): string => `${file}.${shard}`;

/** The file of what the last run's cross-file checks found (see checkResults.ts), vouched for by the header too. */
export const checksFile = (file: string): string => `${file}.checks`;

/**
 * Each file's hash as the last run saw it, for the worker that reads the files (see readAhead.ts) to build at once
 * the ones that changed: a file per shard beside this name (see hintsShard). Only a hint: the cache's own entries
 * decide what is taken, so it needs no checksum.
 */
export const hintsFile = (file: string): string => `${file}.hashes`;

/** One shard's hints: a run that changed one file rewrites the hints of its shard only, as it does the shard. */
export const hintsShard = (hints: string, shard: number): string => `${hints}.${shard}`;

/** Written like a shard, without a place in the header. */
export function writeHints(file: string, shard: number, hashes: Readonly<Record<string, string>>): void {
  atomically(hintsShard(hintsFile(file), shard), asciiJson(hashes));
}

/** The hints of every shard there are hints for, or undefined when there are none or they are not what they should be. */
export function readHints(hints: string): Map<string, string> | undefined {
  const found = new Map<string, string>();
  for (let shard = 0; shard < SHARDS; shard++) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(hintsShard(hints, shard), 'latin1'));
    } catch {
      continue;
    }
    if (!isRecord(parsed)) return undefined;
    for (const [path, hash] of Object.entries(parsed)) if (typeof hash === 'string') found.set(path, hash);
  }
  return found.size > 0 ? found : undefined;
}

const isSum = (sum: unknown): sum is ShardSum => isRecord(sum) && typeof sum['bytes'] === 'number' && typeof sum['sha256'] === 'string';

/** A shard as read: its JSON's value, and the ASCII bytes after it that entries point into (see writeShard). */
export interface ShardContent {
  readonly value: unknown;
  readonly tail: Buffer;
}

/** Each shard's content, and the checks' if written, or why the cache is not to be trusted. */
export function readShards(file: string, schema: number, key: string): { shards: ShardContent[]; sums: ShardSum[]; checks?: { content: unknown; sum: ShardSum } } | string {
  let head: string;
  try {
    head = readFileSync(file, 'utf8');
  } catch {
    return 'missing';
  }
  let header: unknown;
  try {
    header = JSON.parse(head);
  } catch {
    return 'its header is not valid';
  }
  if (!isRecord(header) || header['format'] !== FORMAT) return 'it is not a Kube Expose cache';
  if (header['schema'] !== schema) return 'it was written in another format';
  if (header['key'] !== key) return 'it was written by another version or with other settings';
  const sums = header['shards'];
  const checksSum = header['checks'];
  if (!Array.isArray(sums) || sums.length !== SHARDS || !sums.every(isSum) || (checksSum !== undefined && !isSum(checksSum))) return 'its header is not valid';
  const shards: ShardContent[] = [];
  for (const [index, sum] of sums.entries()) {
    const content = readVouched(shardFile(file, index), sum);
    if (typeof content === 'string') return content;
    shards.push(content);
  }
  if (checksSum === undefined) return { shards, sums };
  const checks = readVouched(checksFile(file), checksSum);
  return typeof checks === 'string' ? checks : { shards, sums, checks: { content: checks.value, sum: checksSum } };
}

function readVouched(path: string, sum: ShardSum): ShardContent | string {
  let body: Buffer;
  try {
    body = readFileSync(path);
  } catch {
    return 'it is truncated';
  }
  if (body.length !== sum.bytes) return 'it is truncated';
  if (createHash('sha256').update(body).digest('hex') !== sum.sha256) return 'its content does not match its checksum';
  try {
    // Written as ASCII (see writeShard): decoded one byte per character, a third of the time of UTF-8.
    // The tail is decoded a fact at a time when read (see lazyFacts.ts): most are not.
    const end = body.indexOf(LINE_BREAK);
    return end < 0 ? { value: JSON.parse(body.toString('latin1')), tail: Buffer.alloc(0) } : { value: JSON.parse(body.toString('latin1', 0, end)), tail: body.subarray(end + 1) };
  } catch {
    return 'its content is not valid';
  }
}

/**
 * Writes one shard (a path from shardFile or checksFile) atomically and returns its size and checksum for the header.
 * `tail` (ASCII, see asciiText) follows the JSON after a line break: texts its entries point into, read when asked.
 */
export function writeShard(path: string, content: unknown, tail = ''): ShardSum {
  const json = asciiJson(content);
  const body = tail ? Buffer.concat([json, Buffer.from(`\n${tail}`, 'latin1')]) : json;
  atomically(path, body);
  return { bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}

/** The header last, so that a reader never trusts shards the header does not vouch for. */
export function writeHeader(file: string, schema: number, key: string, sums: readonly ShardSum[], checks: ShardSum | undefined): number {
  const header = Buffer.from(JSON.stringify({ format: FORMAT, schema, key, shards: sums, ...(checks ? { checks } : {}) }));
  atomically(file, header);
  return header.length;
}

/** JSON in ASCII, every other character escaped: read back one byte per character (see readVouched). */
function asciiJson(content: unknown): Buffer {
  return Buffer.from(asciiText(JSON.stringify(content)), 'latin1');
}

/** A JSON text with every character past ASCII escaped, as it is to be written. */
export function asciiText(json: string): string {
  // Counted natively: a JSON of ASCII only (most are) is not scanned again by the expression.
  return Buffer.byteLength(json, 'utf8') === json.length ? json : json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function atomically(path: string, bytes: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there (its folder could not be made).
    }
    throw error;
  }
}
