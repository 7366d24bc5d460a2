import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/paths';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
const DOCS = ['README.md', 'CHANGELOG.md', 'packaging/npm/README.md'];

/** The commands of a Markdown text: its fenced blocks and inline code spans. */
function commandsOf(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');
  return [...fenced, ...inline];
}

/** Each versioned name of a release in `code`: the .vsix and .tgz files, `kube-expose@x.y.z`, a hook's `rev: vx.y.z`. */
function versionedNames(code: string): { name: string; version: string }[] {
  const pattern = /kube-expose-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.(?:vsix|tgz)|kube-expose@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)|rev: v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/g;
  return [...code.matchAll(pattern)].map((match) => ({ name: match[0], version: match[1] ?? match[2] ?? match[3] ?? '' }));
}

describe('versions in the docs never drift', () => {
  it('finds the versioned names of a command, and only in commands', () => {
    const sample = 'Released as kube-expose-0.1.0.vsix.\n\n```sh\ncode --install-extension kube-expose-0.2.0.vsix\n```\n\n`npx --yes kube-expose@0.2.1 check` and `rev: v0.2.2`';
    assert.deepEqual(commandsOf(sample).flatMap(versionedNames).map((found) => found.version), ['0.2.0', '0.2.1', '0.2.2']);
  });

  for (const doc of DOCS) {
    it(`${doc}: every command naming a versioned file or release names ${version}`, () => {
      const found = commandsOf(readFileSync(join(REPO, doc), 'utf8')).flatMap(versionedNames);
      assert.deepEqual(found.filter((name) => name.version !== version).map((name) => name.name), []);
      if (doc === 'README.md') assert.ok(found.length >= 5, `the README's versioned commands: ${found.map((name) => name.name).join(', ')}`);
    });
  }
});
