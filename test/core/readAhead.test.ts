import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { hashText } from '../../server/src/node/modelCache';
import { readAhead } from '../../server/src/node/readAhead';
import { readIfPresent } from '../../server/src/node/readText';
import { REPO, tempDir } from '../helpers/paths';

const WORKER = join(REPO, 'dist', 'modelWorker.js');

describe('reading the files on a worker while the cache is parsed', () => {
  it('gives each file as this thread reads it, with its hash; a file gone or not text says so as here', async () => {
    const folder = tempDir();
    const files = ['a.yml', 'b.yml', 'binary.yml', 'gone.yml'].map((name) => join(folder, name));
    writeFileSync(files[0] ?? '', 'app:\n  x:\n    port: 30001\n');
    writeFileSync(files[1] ?? '', '# é, a character of two bytes\nkey: value\n');
    writeFileSync(files[2] ?? '', Buffer.from([0x61, 0x00, 0x62]));
    const settings = readSettings(undefined);
    const read = await readAhead(files, settings, WORKER);
    assert.ok(read);
    assert.equal(read.length, files.length);
    for (const [index, path] of files.entries()) {
      const here = readIfPresent(path, settings.maxFileSize);
      assert.deepEqual(read[index]?.content, here, path);
      assert.equal(read[index]?.hash, here && here.skipReason === undefined ? hashText(here.text) : undefined, path);
    }
  });

  it('gives nothing when the worker cannot start, for the caller to read the files itself', async () => {
    assert.equal(await readAhead([join(REPO, 'package.json')], readSettings(undefined), join(tempDir(), 'no-such-worker.js')), undefined);
  });
});
