import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths';

/** The fenced blocks of `language` in the README section under `heading` (up to the next heading of any level). */
export function readmeBlocks(heading: string, language: string): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`README has no heading ${heading}`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/^#{1,6} /m);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1] ?? '');
}

/** The only block of `language` in that section. */
export function readmeBlock(heading: string, language: string): string {
  const blocks = readmeBlocks(heading, language);
  if (blocks.length !== 1) throw new Error(`README section ${heading} has ${blocks.length} ${language} blocks, not 1`);
  return blocks[0] ?? '';
}

/** A file's text without its comment lines, to compare a documented configuration with the one committed. */
export function withoutComments(text: string, comment: string): string {
  return text.split('\n').filter((line) => !line.trimStart().startsWith(comment)).join('\n').trim();
}
