import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers/paths';
import { snapshot } from './helpers/run';

const README = readFileSync(join(REPO, 'README.md'), 'utf8');

interface Runnable {
  readonly line: number;
  readonly status: number;
  readonly command: string;
  /** The lines the README shows it printing (stdout then stderr, as a terminal shows them); `...` ends a prefix. */
  readonly shows: readonly string[];
}

/** Every ```sh block the README marks `<!-- runnable: exit N -->`, with the ```text block that follows it. */
function runnableBlocks(text: string): Runnable[] {
  const pattern = /<!-- runnable: exit (\d+) -->\n```sh\n([\s\S]*?)```\n(?:\n```text\n([\s\S]*?)```\n)?/g;
  return [...text.matchAll(pattern)].map((match) => ({
    line: text.slice(0, match.index).split('\n').length,
    status: Number(match[1]),
    command: match[2] ?? '',
    shows: (match[3] ?? '').split('\n').filter((line) => line !== ''),
  }));
}

describe('README', () => {
  const blocks = runnableBlocks(README);

  it('marks the shell blocks a reader can paste as runnable', () => {
    assert.ok(blocks.length >= 3, `found ${blocks.length}`);
  });

  for (const block of blocks) {
    it(`line ${block.line}: \`${block.command.trim().slice(0, 60)}\` does what the README says`, () => {
      const before = snapshot(join(REPO, 'examples'));
      const result = spawnSync('sh', ['-c', `{\n${block.command}} 2>&1`], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.status, block.status, result.stdout);
      const printed = result.stdout.split('\n');
      block.shows.forEach((shown, index) => {
        const actual = printed[index] ?? '';
        if (shown.endsWith('...')) assert.ok(actual.startsWith(shown.slice(0, -3).trimEnd()), `line ${index + 1}:\n  README: ${shown}\n  actual: ${actual}`);
        else assert.equal(actual, shown, `line ${index + 1}`);
      });
      assert.deepEqual(snapshot(join(REPO, 'examples')), before, 'a documented example changed the example repository');
    });
  }

  it('names the .vsix of the current version', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const [name] of README.matchAll(/kube-expose-\d+\.\d+\.\d+\.vsix/g)) assert.equal(name, `kube-expose-${version}.vsix`);
  });
});
