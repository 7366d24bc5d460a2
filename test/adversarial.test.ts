import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Workspace } from '../server/src/core/workspace/workspace';
import { readSettings } from '../server/src/core/settings';
import { discover } from '../server/src/node/discover';
import { readIfPresent } from '../server/src/node/readText';
import { TestClient } from './helpers/lspClient';
import { copyToTemp, EXAMPLE, REPO } from './helpers/paths';
import { runCli, snapshot } from './helpers/run';

const ADVERSARIAL = join(REPO, 'test', 'adversarial');
const cases = readdirSync(ADVERSARIAL).sort();

interface Expected {
  file: string;
  line: number;
  code: string;
}

const expectedOf = (name: string): Expected[] => JSON.parse(readFileSync(join(ADVERSARIAL, name, 'expected.json'), 'utf8')) as Expected[];

describe('adversarial files', () => {
  for (const name of cases) {
    it(`${name}: the CLI gives a clear diagnostic, finishes, and writes nothing`, () => {
      const before = snapshot(join(ADVERSARIAL, name));
      const result = runCli(['check', '--format', 'json'], join(ADVERSARIAL, name));
      const report = JSON.parse(result.stdout) as { diagnostics: Expected[] };
      assert.deepEqual(report.diagnostics.map(({ file, line, code }) => ({ file, line, code })), expectedOf(name));
      assert.deepEqual(snapshot(join(ADVERSARIAL, name)), before);
      if (name === 'symlinks') assert.match(result.stderr, /loop: symbolic link loop[\s\S]*outside: symbolic link to outside the workspace/);
    });
  }

  it('the language server gives the same diagnostics on every case and stays up', async () => {
    for (const name of cases) {
      const root = copyToTemp(join(ADVERSARIAL, name));
      const client = await TestClient.start(root);
      try {
        const found = [...client.diagnostics].flatMap(([path, diagnostics]) => diagnostics.map((diagnostic) => ({ file: path.slice(root.length + 1), line: diagnostic.range.start.line + 1, code: String(diagnostic.code) })));
        const sort = (list: Expected[]): Expected[] => [...list].sort((a, b) => `${a.file}:${a.line}`.localeCompare(`${b.file}:${b.line}`));
        // The editor reads a case's settings file as the CLI does (alias-bomb lowers maxAliasCount there).
        assert.deepEqual(sort(found), sort(expectedOf(name)), name);
        const symbols = await client.request<unknown[]>('workspace/symbol', { query: '' });
        assert.ok(symbols.length > 0, `${name}: the server still answers`);
      } finally {
        await client.stop();
      }
    }
  });

  it('skips a 50 MB file at once, by its size', () => {
    const root = copyToTemp(EXAMPLE);
    writeFileSync(join(root, 'inventories/protobox/group_vars/all/huge.yml'), `big:\n${'  - some padding to make the file large\n'.repeat(1_300_000)}`);
    const result = runCli(['check', '--format', 'json', root], REPO);
    const report = JSON.parse(result.stdout) as { diagnostics: (Expected & { message: string })[] };
    assert.match(report.diagnostics.find((diagnostic) => diagnostic.file.endsWith('huge.yml'))?.message ?? '', /larger than maxFileSize in \.kube-expose\.json \(5\d{7} > 4194304 bytes\)/);
  });

  it('forgets a file deleted or renamed between listing and reading', () => {
    const root = copyToTemp(EXAMPLE);
    const workspace = new Workspace(root, readSettings(undefined));
    const { files } = discover(root, (path) => workspace.wants(path), (path) => workspace.isExcluded(path));
    rmSync(join(root, 'k8s/postgresql/pgadmin-service.yml'));
    for (const path of files) workspace.stage(path, readIfPresent(path, 4_000_000));
    workspace.commit();
    assert.equal(workspace.fileCount, files.length - 1);
    assert.ok(![...workspace.allDiagnostics().values()].flat().some((diagnostic) => diagnostic.code === 'file-skipped'));
  });
});
