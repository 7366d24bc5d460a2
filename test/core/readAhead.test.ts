import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { prepareModel, type FileDescriptor } from '../../server/src/core/workspace/prepare';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/core/settings';
import { hashText } from '../../server/src/node/modelCache';
import { readAhead, startDiscovery, startReader } from '../../server/src/node/readAhead';
import { discover } from '../../server/src/node/discover';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { generatedRepository } from '../helpers/generated';
import { loadProject } from '../../server/src/cli/loadProject';
import { readIfPresent } from '../../server/src/node/readText';
import { REPO, tempDir } from '../helpers/paths';
import { hintsShard } from '../../server/src/node/cacheShards';

const WORKER = join(REPO, 'dist', 'modelWorker.js');

const descriptorOf = (path: string): FileDescriptor => ({ path, relativePath: basename(path), kind: 'vars', env: 'inventories/x' });

describe('reading the files on a worker while the cache is parsed', () => {
  it('gives each file as this thread reads it, with its hash; a file gone or not text says so as here', async () => {
    const folder = tempDir();
    const files = ['a.yml', 'b.yml', 'binary.yml', 'gone.yml'].map((name) => join(folder, name));
    writeFileSync(files[0] ?? '', 'app:\n  x:\n    port: 30001\n');
    writeFileSync(files[1] ?? '', '# é, a character of two bytes\nkey: value\n');
    writeFileSync(files[2] ?? '', Buffer.from([0x61, 0x00, 0x62]));
    const settings = readSettings(undefined);
    const read = await readAhead(files.map(descriptorOf), settings, undefined, WORKER);
    assert.ok(read);
    assert.equal(read.length, files.length);
    for (const [index, path] of files.entries()) {
      const here = readIfPresent(path, settings.maxFileSize);
      assert.deepEqual(read[index]?.content, here, path);
      assert.equal(read[index]?.hash, here && here.skipReason === undefined ? hashText(here.text) : undefined, path);
    }
    assert.ok(read.every((file) => file.built === undefined), 'no hints: nothing is built ahead');
  });

  it('builds only the files whose hash is not the one the last run gave (the hints)', async () => {
    const folder = tempDir();
    const [same, changed] = ['same.yml', 'changed.yml'].map((name) => join(folder, name));
    writeFileSync(same ?? '', 'app:\n  a:\n    port: 30001\n');
    writeFileSync(changed ?? '', 'app:\n  b:\n    port: 30002\n');
    const hints = join(folder, 'hints');
    // Both in one shard's hints: the others' are missing, as after a run that read these two files only.
    writeFileSync(hintsShard(hints, 0), JSON.stringify({ [same ?? '']: hashText(readFileSync(same ?? '', 'utf8')), [changed ?? '']: 'another hash' }));
    const read = await readAhead([same ?? '', changed ?? ''].map(descriptorOf), readSettings(undefined), hints, WORKER);
    assert.equal(read?.[0]?.built, undefined);
    // Built as this thread would build it.
    assert.deepEqual(read?.[1]?.built?.model, prepareModel(descriptorOf(changed ?? ''), { text: readFileSync(changed ?? '', 'utf8') }, readSettings(undefined)));
    // A hints file that is missing or is not one is no hint: nothing is built (the caller builds on all its workers).
    writeFileSync(hintsShard(hints, 0), 'not json');
    const blind = await readAhead([changed ?? ''].map(descriptorOf), readSettings(undefined), hints, WORKER);
    assert.equal(blind?.[0]?.built, undefined);
  });

  it('a reader started before the files are known reads them once they are, or stops when there are none', async () => {
    const folder = tempDir();
    const file = join(folder, 'a.yml');
    writeFileSync(file, 'app:\n  x:\n    port: 30001\n');
    const reader = startReader(readSettings(undefined), undefined, WORKER);
    const read = await reader.read([descriptorOf(file)]);
    assert.equal(read?.[0]?.hash, hashText(readFileSync(file, 'utf8')));
    // Cancelled, it leaves no thread to keep the process alive (node --test would time out).
    startReader(readSettings(undefined), undefined, WORKER).cancel();
  });

  it('gives nothing when the worker cannot start, for the caller to read the files itself', async () => {
    assert.equal(await readAhead([descriptorOf(join(REPO, 'package.json'))], readSettings(undefined), undefined, join(tempDir(), 'no-such-worker.js')), undefined);
  });

  it('a worker started on a folder finds its files as this thread does, and reads them with this thread', async () => {
    // Enough files for both threads to claim slices of them.
    const root = generatedRepository({ envs: 2, apps: 300, seed: 3 });
    const settings = readSettings(undefined);
    const workspace = new Workspace(root, settings);
    const here = discover(root, workspace.wants, (path) => workspace.isExcluded(path));
    const ahead = await startDiscovery(settings, root, undefined, WORKER);
    assert.ok(ahead);
    assert.deepEqual(ahead.found, here);
    assert.deepEqual(
      ahead.descriptors,
      here.files.map((path) => workspace.describe(path)),
    );
    const wanted = here.files.map((path) => workspace.describe(path)).filter((descriptor): descriptor is FileDescriptor => descriptor !== undefined);
    assert.ok(wanted.length > 300, `${wanted.length} files`);
    const read = await ahead.read();
    assert.equal(read?.length, wanted.length);
    for (const [index, descriptor] of wanted.entries()) {
      const text = readFileSync(descriptor.path, 'utf8');
      assert.equal(read?.[index]?.content?.text, text, descriptor.path);
      assert.equal(read?.[index]?.hash, hashText(text), descriptor.path);
    }
  });

  it('gives nothing when a worker on a folder cannot start, for the caller to find and read the files itself', async () => {
    assert.equal(await startDiscovery(readSettings(undefined), REPO, undefined, join(tempDir(), 'no-such-worker.js')), undefined);
  });

  it('a worker that ends before it sent every file it read gives nothing, and a warm run then reads them itself', async () => {
    const root = generatedRepository({ envs: 1, apps: 40 });
    const settings = readSettings(undefined);
    const workspace = new Workspace(root, settings);
    const found = discover(root, workspace.wants, (path) => workspace.isExcluded(path));
    const descriptors = found.files.map((path) => workspace.describe(path));
    // A worker that finds the files, claims them all, sends one and ends.
    const dying = join(tempDir(), 'dying-worker.js');
    writeFileSync(
      dying,
      `const { parentPort, workerData } = require('node:worker_threads');
Atomics.store(new Int32Array(workerData.claims), 0, 1 << 30);
parentPort.postMessage(${JSON.stringify({ found, descriptors })});
parentPort.postMessage({ from: 0, read: [{}], built: [] });`,
    );
    const ahead = await startDiscovery(settings, root, undefined, dying);
    assert.ok(ahead);
    assert.equal(await ahead.read(), undefined);
    const io = { cwd: root, stdout: () => undefined, stderr: () => undefined };
    const cacheAt = { file: join(tempDir(), 'models.cache'), version: '1.0.0' };
    const cold = await loadProject(root, [], io);
    const written = await loadProject(root, [], { ...io, workerPath: dying }, {}, undefined, cacheAt);
    const warm = await loadProject(root, [], { ...io, workerPath: dying }, {}, undefined, cacheAt);
    for (const workspace of [written, warm]) assert.deepEqual(workspace.allDiagnostics(), cold.allDiagnostics());
  });
});
