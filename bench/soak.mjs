// npm run bench:soak [-- options]: a long editing session against the language server under a heap cap, to prove
// that memory stays flat (issue #20). Prints a table, or with --json one JSON object (the soak test reads it).
//
//   --size small|medium|large   the generated repository (default large), or --dir DIR for an existing one
//   --pairs N                   keystroke pairs in the largest routes.yml (default 10000); --warmup N (500)
//   --heap MB                   the server's --max-old-space-size (default 512)
//   --service-rounds N          times every Service of one environment is opened and closed (default 10)
//   --watched N --watched-files M   watched-file notifications, each for M changed files (default 100, 50)
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateRepository, SIZES } from './generate.mjs';
import { BenchClient } from './lsp.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = process.env.SOAK_SERVER ?? join(ROOT, 'dist', 'server.js');
const MB = 1024 * 1024;

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const size = argument('size', 'large');
const pairs = Number(argument('pairs', '10000'));
const warmup = Math.min(pairs, Number(argument('warmup', '500')));
const heapMB = Number(argument('heap', '512'));
const serviceRounds = Number(argument('service-rounds', '10'));
const watchedChanges = Number(argument('watched', '100'));
const watchedFiles = Number(argument('watched-files', '50'));
const json = process.argv.includes('--json');

function repository() {
  const given = argument('dir', undefined);
  const dir = given ? resolve(given) : join(ROOT, 'bench', 'repos', size);
  if (!SIZES[size]) throw new Error(`unknown size ${size}`);
  if (!existsSync(join(dir, 'EXPECTED.json'))) generateRepository({ dir, seed: 1, envs: SIZES[size].envs, apps: SIZES[size].apps, mismatches: 3 });
  return dir;
}

function filesBelow(directory, keep) {
  const found = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...filesBelow(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;

const dir = repository();
const routes = filesBelow(join(dir, 'inventories'), (path) => path.endsWith('routes.yml')).sort((a, b) => statSync(b).size - statSync(a).size)[0];
const firstEnv = readdirSync(join(dir, 'k8s')).sort()[0];
const services = filesBelow(join(dir, 'k8s', firstEnv), (path) => /\.ya?ml$/.test(path));

const client = new BenchClient([process.execPath, `--max-old-space-size=${heapMB}`, '--expose-gc', SERVER, '--stdio']);
let exit;
client.process.on('exit', (code, signal) => (exit = { code, signal }));
const died = new Promise((resolve) => client.process.on('exit', resolve));
/** Races every step with the server's exit, so that an abort ends the run with a report instead of a hang. */
const alive = async (promise) => {
  const result = await Promise.race([promise, died.then(() => 'died')]);
  if (result === 'died') throw new Error('server exited');
  return result;
};
const memory = () => alive(client.connection.sendRequest('kubeExpose/memoryUsage'));

const started = performance.now();
const report = { repository: dir, routes: routes.slice(dir.length + 1), heapCapMB: heapMB, pairs, warmup, serviceOpens: services.length * serviceRounds, watchedChanges, watchedFiles };
try {
  const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false);
  await client.initialize(dir, pathToFileURL(dir).href);
  await alive(indexed);

  const uri = pathToFileURL(routes).href;
  const lines = readFileSync(routes, 'utf8').split('\n');
  let version = 1;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: lines.join('\n') } });
  // A keystroke at the end of a different line each time, taken back, then a hover there (which waits for the
  // re-check): every later entry of the file moves, twice.
  const keystrokePair = async (index) => {
    const line = (index * 7919) % Math.max(1, lines.length - 1);
    const end = { line, character: lines[line]?.length ?? 0 };
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: end, end }, text: 'x' }] });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: end, end: { line, character: end.character + 1 } }, text: '' }],
    });
    await alive(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } }));
  };
  for (let index = 0; index < warmup; index++) await keystrokePair(index);
  report.afterWarmup = await memory();
  for (let index = warmup; index < pairs; index++) await keystrokePair(index);

  for (let round = 0; round < serviceRounds; round++) {
    for (const file of services) {
      const serviceUri = pathToFileURL(file).href;
      const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === serviceUri);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: serviceUri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
      await alive(published);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: serviceUri } });
    }
  }

  // Watched-file changes on disk: a comment added to M Services, then taken away (an even count leaves them as they were).
  const touched = services.slice(0, watchedFiles);
  const original = new Map(touched.map((file) => [file, readFileSync(file, 'utf8')]));
  for (let change = 0; change < watchedChanges; change++) {
    for (const file of touched) writeFileSync(file, change % 2 === 0 ? `${original.get(file)}# soak ${change}\n` : original.get(file));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: touched.map((file) => ({ uri: pathToFileURL(file).href, type: 2 })) });
    await memory();
  }
  for (const [file, text] of original) writeFileSync(file, text);
  report.atEnd = await memory();
} catch (error) {
  report.error = error instanceof Error ? error.message : String(error);
}
report.ms = Math.round(performance.now() - started);
if (!exit) await client.stop();
report.exit = exit ?? { code: 0, signal: null };
report.aborted = report.exit.signal !== null || (report.exit.code !== 0 && report.exit.code !== null);
if (report.afterWarmup && report.atEnd) {
  report.heapGrowthMB = mb(report.atEnd.heapUsed - report.afterWarmup.heapUsed);
  report.rssGrowthMB = mb(report.atEnd.rss - report.afterWarmup.rss);
}

if (json) {
  console.log(JSON.stringify(report));
} else {
  const row = (label, value) => `| ${label} | ${value} |`;
  console.log(
    [
      '| soak | |',
      '|---|---|',
      row('workload', `${pairs} keystroke pairs in ${report.routes} (${lines()} lines), ${report.serviceOpens} Service opens, ${watchedChanges} x ${watchedFiles} watched-file changes`),
      row('server heap cap', `${heapMB} MB`),
      row(`after ${warmup} pairs: RSS / heap used`, report.afterWarmup ? `${mb(report.afterWarmup.rss)} / ${mb(report.afterWarmup.heapUsed)} MB` : '-'),
      row('at the end: RSS / heap used', report.atEnd ? `${mb(report.atEnd.rss)} / ${mb(report.atEnd.heapUsed)} MB` : '-'),
      row('difference: RSS / heap used', report.heapGrowthMB === undefined ? '-' : `${report.rssGrowthMB} / ${report.heapGrowthMB} MB`),
      row('aborted', report.aborted ? `yes (${report.exit.signal ?? report.exit.code}${report.error ? `: ${report.error}` : ''})` : 'no'),
      row('wall time', `${Math.round(report.ms / 1000)} s`),
    ].join('\n'),
  );
}
process.exitCode = report.aborted || report.error ? 1 : 0;

function lines() {
  return readFileSync(routes, 'utf8').split('\n').length;
}
