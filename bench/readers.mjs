#!/usr/bin/env node
// Measures the candidate readers of a cold index on one thread, over the same YAML files:
//   node bench/readers.mjs [DIR]   (default: bench/repos/large, generated when missing)
// Each reader gets the texts already in memory; the best of three runs is kept, with MB/s.
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { Lexer, Parser, parseAllDocuments } from 'yaml';
import jsYaml from 'js-yaml';
import { generateRepository, SIZES } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function filesBelow(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesBelow(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** The fast reader of the server (server/src/core/fast/reader.ts), bundled for this script. */
async function loadFastReader() {
  const dir = mkdtempSync(join(tmpdir(), 'kube-expose-readers-'));
  try {
    const outfile = join(dir, 'reader.cjs');
    await esbuild.build({ entryPoints: [join(ROOT, 'server/src/core/fast/reader.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
    return createRequire(import.meta.url)(outfile).readFast;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Best of three runs of `read` over every text, in ms. */
function time(texts, read) {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    for (const text of texts) read(text);
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(best);
}

/** One-thread times of each candidate; `fast` also counts the files its reader declines (read by `yaml` then). */
export async function readerFloors(files) {
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0);
  const readFast = await loadFastReader();
  const declined = texts.filter((text) => 'declined' in readFast(text)).length;
  const listener = () => {};
  const candidates = {
    yaml: (text) => parseAllDocuments(text),
    yamlCst: (text) => {
      for (const token of new Parser().parse(text)) void token;
    },
    yamlLexer: (text) => {
      for (const token of new Lexer().lex(text)) void token;
    },
    jsYamlListener: (text) => {
      try {
        jsYaml.loadAll(text, undefined, { listener });
      } catch {
        // A file js-yaml rejects would be read by `yaml`: only the time to say so counts here.
      }
    },
    fast: (text) => readFast(text),
  };
  const result = { files: texts.length, megabytes: Math.round(bytes / 1e5) / 10, fastDeclined: declined };
  for (const [name, read] of Object.entries(candidates)) {
    const ms = time(texts, read);
    result[name] = { ms, mbPerS: Math.round(bytes / 1e2 / ms) / 10 };
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let dir = process.argv[2];
  if (!dir) {
    dir = join(ROOT, 'bench', 'repos', 'large');
    generateRepository({ dir, seed: 1, envs: SIZES.large.envs, apps: SIZES.large.apps, mismatches: 3 });
  }
  console.log(JSON.stringify(await readerFloors(filesBelow(dir)), null, 2));
}
