import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import type { FileContent } from '../core/workspace/workspace';
import { settingName, type Settings } from '../core/settings';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8 text for the index. Never throws: a file that is too large, binary,
 * not UTF-8 or unreadable comes back with a skip reason instead of its text.
 */
/** `limitName`: how the size limit's setting is named where it was read (see `settingName`). */
export function readText(path: string, maxFileSize: number, limitName = 'kubeExpose.maxFileSize'): FileContent {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    // Most files fit the scratch buffer: one read, no stat and no buffer of their own (10,000 files a start).
    const count = readSync(fd, scratch, 0, scratch.length, 0);
    if (count < scratch.length) {
      if (count > maxFileSize) return tooLarge(count, maxFileSize, limitName);
      return decode(scratch.subarray(0, count));
    }
    const size = fstatSync(fd).size;
    if (size > maxFileSize) return tooLarge(size, maxFileSize, limitName);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const count = readSync(fd, buffer, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return decode(buffer.subarray(0, read));
  } catch (error) {
    return { text: '', skipReason: `the file cannot be read (${errorCode(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reused by every read on this thread (decoding copies what it reads). */
const scratch = Buffer.allocUnsafe(256 * 1024);

function tooLarge(size: number, maxFileSize: number, limitName: string): FileContent {
  return { text: '', skipReason: `the file is larger than ${limitName} (${size} > ${maxFileSize} bytes)` };
}

export function decode(bytes: Uint8Array): FileContent {
  if (bytes.subarray(0, 8192).includes(0)) return { text: '', skipReason: 'the file is binary (it contains NUL bytes)' };
  try {
    const text = decoder.decode(bytes);
    // VS Code hides the byte-order mark from extensions: drop it so offsets agree with the editor.
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { text: '', skipReason: 'the file is not valid UTF-8' };
  }
}

export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** For the index: a file gone between listing and reading (deleted, renamed) is simply not there. */
export function readIfPresent(path: string, maxFileSize: number, limitName?: string): FileContent | undefined {
  const content = readText(path, maxFileSize, limitName);
  return content.skipReason?.includes('(ENOENT)') ? undefined : content;
}

/** `readIfPresent` under a folder's settings: the size limit, named in a skip message as the settings were read. */
export function readUnder(path: string, settings: Settings): FileContent | undefined {
  return readIfPresent(path, settings.maxFileSize, settingName(settings, 'maxFileSize'));
}
