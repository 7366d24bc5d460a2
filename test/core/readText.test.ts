import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readText } from '../../server/src/node/readText';
import { tempDir } from '../helpers/paths';

describe('reading a file for the index', () => {
  const folder = tempDir();
  const write = (name: string, text: string): string => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  // Around the size read in one go (256 KiB), with a character of several bytes across the edge.
  const sizes = [0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 700_000];

  it('gives every file its whole text, whatever its size', () => {
    for (const size of sizes) {
      const path = write(`file-${size}.yml`, size === 0 ? '' : `${'é'.repeat(Math.floor(size / 4))}${'x'.repeat(size - 2 * Math.floor(size / 4))}`);
      assert.equal(readText(path, 4 * 1024 * 1024).text, readFileSync(path, 'utf8'), `${size} bytes`);
    }
  });

  it('skips a file over the size limit, saying its size, below and above the size read in one go', () => {
    for (const size of [10, 300_000]) {
      const content = readText(write(`big-${size}.yml`, 'a'.repeat(size)), size - 1, 'kubeExpose.maxFileSize');
      assert.equal(content.text, '');
      assert.equal(content.skipReason, `the file is larger than kubeExpose.maxFileSize (${size} > ${size - 1} bytes)`);
    }
    assert.equal(readText(write('at-limit.yml', 'a'.repeat(300_000)), 300_000).text.length, 300_000);
  });
});
