// npm run bench [-- --size small|medium|large[,..]]: measures the CLI and the language server on generated
// repositories, side by side with yaml-language-server, and writes bench/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { generateRepository, SIZES } from './generate.mjs';
import { BenchClient } from './lsp.mjs';
import { readerFloors } from './readers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RSS_HOOK = join(ROOT, 'bench', 'rss.cjs');
const SERVER = join(ROOT, 'dist', 'server.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const YAML_LS = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const EDITS = 200;
const REQUESTS = 200;

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
};
const sizes = argument('size', 'small,medium,large').split(',');
/**
 * `--only cold`: only the cold index with each reader (measureColdReaders), merged into the last results.json.
 * `--only during [--rounds 3] [--servers a/dist/server.js,b/dist/server.js]`: only the edits during the cold index
 * (measureDuringIndex), printed, a round of each server in turn (A/B on a shared machine), nothing written.
 * `--only cache`: only the cold CLI and the cached CLI and server (measureCliCache, measureServerCache), printed as
 * the rows of the full table, nothing written.
 */
const only = argument('only', undefined);
const SERVICES_SIDE_BY_SIDE = Number(argument('services', '100'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const rssFile = () => join(tmpdir(), `kube-expose-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
const readRss = (file) => {
  try {
    return round(Number(readFileSync(file, 'utf8')) / 1024, 0);
  } finally {
    rmSync(file, { force: true });
  }
};

function filesBelow(directory, keep) {
  const found = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) found.push(...filesBelow(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

function repository(size) {
  const dir = join(ROOT, 'bench', 'repos', size);
  if (!existsSync(join(dir, 'EXPECTED.json'))) generateRepository({ dir, seed: 1, envs: SIZES[size].envs, apps: SIZES[size].apps, mismatches: 3 });
  return dir;
}

/**
 * The CLI on the whole repository: wall time, peak RSS, and whether it found every planted mistake. It runs in
 * the repository, as CI does: the report's paths are relative to the current folder, as EXPECTED.json's are to
 * the repository.
 */
function measureCli(dir, extra = []) {
  const rss = rssFile();
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', RSS_HOOK, CLI, 'check', '--format', 'json', dir, ...extra], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, BENCH_RSS_FILE: rss } });
  const ms = performance.now() - start;
  const report = JSON.parse(result.stdout);
  const expected = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8'));
  const mistakes = expected.mistakes ?? expected;
  const found = mistakes.filter((mistake) => report.diagnostics.some((diagnostic) => diagnostic.file === mistake.file && diagnostic.line === mistake.line && diagnostic.code === 'port-mismatch')).length;
  return { ms: round(ms, 0), rssMB: readRss(rss), files: report.files, diagnostics: report.diagnostics.length, mistakesFound: `${found}/${mistakes.length}`, report: result.stdout };
}

/**
 * The cached CLI: a first run writing the cache, then three rounds of a warm run, one with the largest routes.yml
 * changed, and one with a Service of its environment changed (each change undone by the next run, itself one
 * changed file). Medians: a single warm run moves by 10-20 % on this machine.
 */
function measureCliCache(dir, routesFile, serviceFile) {
  const folder = mkdtempSync(join(tmpdir(), 'kube-expose-bench-cache-'));
  try {
    const option = ['--cache-location', `${folder}/`];
    const writing = measureCli(dir, option);
    const warm = [];
    const routes = [];
    const service = [];
    let warmReport;
    const changedOnce = (file, into) => {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, `${text}\n# changed\n`);
      try {
        into.push(measureCli(dir, option).ms);
      } finally {
        writeFileSync(file, text);
      }
      into.push(measureCli(dir, option).ms);
    };
    for (let round = 0; round < 3; round++) {
      const run = measureCli(dir, option);
      warm.push(run.ms);
      warmReport ??= run.report;
      changedOnce(routesFile, routes);
      if (serviceFile) changedOnce(serviceFile, service);
    }
    const cacheMB = readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0) / 2 ** 20;
    return { writingMs: writing.ms, warmMs: percentile(warm, 50), oneChangedMs: percentile(routes, 50), serviceChangedMs: serviceFile ? percentile(service, 50) : undefined, cacheMB: round(cacheMB, 1), warmReport };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The server started twice on one cache folder: initialize to all diagnostics, the second time warm. */
async function measureServerCache(dir) {
  const folder = mkdtempSync(join(tmpdir(), 'kube-expose-bench-cache-'));
  const start = async () => {
    const client = new BenchClient([process.execPath, SERVER, '--stdio']);
    const began = performance.now();
    const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false);
    await client.initialize(dir, pathToFileURL(dir).href, { cacheFolder: folder });
    await indexed;
    const ms = performance.now() - began;
    await client.stop();
    return round(ms, 0);
  };
  try {
    const writingMs = await start();
    return { writingMs, warmMs: await start() };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * A user who starts typing as the window opens: the large routes.yml opened right after `initialize`, then edited
 * until the cold index is done. The time to its first diagnostics, and each edit's time to be re-published.
 */
async function measureDuringIndex(dir, routesFile, server = SERVER) {
  const client = new BenchClient([process.execPath, server, '--stdio']);
  let done = false;
  const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false).then(() => (done = true));
  await client.initialize(dir, pathToFileURL(dir).href);
  const uri = pathToFileURL(routesFile).href;
  const text = readFileSync(routesFile, 'utf8');
  const expected = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8'));
  const target = editTarget(text, expected.mistakes ?? expected, relative(dir, routesFile));
  const opened = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
  let sent = performance.now();
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await opened;
  const openMs = performance.now() - sent;
  const editMs = [];
  for (let version = 2; !done && version < 100_000; version++) {
    const digit = version % 2 === 0 ? String((Number(target.digit) + 1) % 10) : target.digit;
    const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri && params.version === version);
    sent = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + 1 } }, text: digit }],
    });
    await published;
    editMs.push(performance.now() - sent);
    // About a keystroke every 50 ms, as a fast typist.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await indexed;
  await client.stop();
  return { openMs: round(openMs, 0), edits: editMs.length, p50: round(percentile(editMs, 50), 1), p99: round(percentile(editMs, 99), 1) };
}

/** The middle app's stream port in a routes.yml, written as a literal number, and not one of the planted mistakes. */
function editTarget(text, mistakes, file) {
  const lines = text.split('\n');
  const bad = new Set(mistakes.filter((mistake) => mistake.file === file).map((mistake) => mistake.line - 1));
  for (let offset = 0; offset < lines.length; offset++) {
    for (const line of [Math.floor(lines.length / 2) + offset, Math.floor(lines.length / 2) - offset]) {
      const match = /^(\s+port: )(\d+)\s*$/.exec(lines[line] ?? '');
      if (match && !bad.has(line) && /^\s+name: stream_/.test(lines[line - 1] ?? '')) return { line, character: match[1].length + match[2].length - 1, digit: match[2].at(-1) };
    }
  }
  throw new Error('no literal stream port to edit');
}

/** The peak resident set size of a process so far (Linux: VmHWM), in MB; undefined elsewhere. */
function peakRssSoFar(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 0) : undefined;
  } catch {
    return undefined;
  }
}

async function measureServer(dir, routesFile, services) {
  const rss = rssFile();
  const client = new BenchClient([process.execPath, '--require', RSS_HOOK, SERVER, '--stdio'], { BENCH_RSS_FILE: rss });
  const start = performance.now();
  const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false);
  await client.initialize(dir, pathToFileURL(dir).href);
  await indexed;
  const coldMs = performance.now() - start;
  const coldRssMB = peakRssSoFar(client.process.pid);

  const uri = pathToFileURL(routesFile).href;
  const text = readFileSync(routesFile, 'utf8');
  const expected = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8'));
  const target = editTarget(text, expected.mistakes ?? expected, relative(dir, routesFile));
  let opened = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await opened;
  // The user reads the file for a moment before the first keystroke: the server readies it meanwhile.
  await new Promise((resolve) => setTimeout(resolve, 500));

  // Each edit changes the last digit of a stream port and back: every one moves a port-mismatch in or out.
  const editMs = [];
  for (let version = 2; version < EDITS + 2; version++) {
    const digit = version % 2 === 0 ? String((Number(target.digit) + 1) % 10) : target.digit;
    const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri && params.version === version);
    const sent = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + 1 } }, text: digit }],
    });
    await published;
    editMs.push(performance.now() - sent);
  }

  // Typing: a character added after the port and taken back. Each keystroke moves every later entry of the file.
  const typingMs = [];
  const after = { line: target.line, character: target.character + 1 };
  for (let version = EDITS + 2; version < 2 * EDITS + 2; version++) {
    const adds = version % 2 === 0;
    const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri && params.version === version);
    const sent = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: after, end: adds ? after : { line: after.line, character: after.character + 1 } }, text: adds ? '7' : '' }],
    });
    await published;
    typingMs.push(performance.now() - sent);
  }

  const position = { line: target.line, character: target.character };
  const requests = {};
  for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/definition']) {
    const times = [];
    for (let i = 0; i < REQUESTS; i++) {
      const sent = performance.now();
      await client.connection.sendRequest(method, { textDocument: { uri }, position });
      times.push(performance.now() - sent);
    }
    requests[method.split('/')[1]] = { p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2) };
  }
  const perService = await openEach(client, services);
  await client.stop();
  return { coldMs: round(coldMs, 0), coldRssMB, rssMB: readRss(rss), edit: { first: round(editMs[0], 1), p50: round(percentile(editMs.slice(1), 50), 2), p99: round(percentile(editMs.slice(1), 99), 2) }, typing: { p50: round(percentile(typingMs, 50), 2), p99: round(percentile(typingMs, 99), 2) }, ...requests, serviceOpen: perService };
}

/** Opens each manifest and waits for its diagnostics: the time an editor user waits. */
async function openEach(client, services) {
  const times = [];
  for (const [index, file] of services.entries()) {
    const uri = pathToFileURL(file).href;
    const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
    const sent = performance.now();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
    await published;
    if (index >= 2) times.push(performance.now() - sent);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  return { p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2), count: times.length };
}

async function measureYamlLanguageServer(dir, services) {
  const client = new BenchClient([process.execPath, YAML_LS, '--stdio']);
  const schema = pathToFileURL(join(ROOT, 'schemas', 'kubernetes', 'service-v1.json')).href;
  client.settings = { yaml: { validate: true, hover: true, completion: true, schemas: { [schema]: ['**/k8s/**/*.yml'] }, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } } };
  await client.initialize(dir, pathToFileURL(dir).href);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: client.settings });
  const result = await openEach(client, services);
  await client.stop();
  return result;
}

/**
 * The cold index with each reader: the CLI and the server from nothing to all diagnostics, with the fast reader
 * (the default) and with the `yaml` package alone (`--reader yaml`, `kubeExpose.coldReader: "yaml"`), CPU time
 * included (on a shared machine, wall time varies with the load, CPU time less), and each reader's floor on one
 * thread (bench/readers.mjs) over the same files.
 */
async function measureColdReaders(dir, yamlFiles) {
  const cli = {};
  const server = {};
  for (const reader of ['fast', 'yaml']) {
    const rss = rssFile();
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--require', RSS_HOOK, CLI, 'check', '--format', 'json', '--reader', reader, dir], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, BENCH_RSS_FILE: rss } });
    const ms = performance.now() - start;
    const diagnostics = JSON.parse(result.stdout).diagnostics.length;
    cli[reader] = { ms: round(ms, 0), rssMB: readRss(rss), diagnostics, cpuMs: cpuOf(rss) };
    const client = new BenchClient([process.execPath, SERVER, '--stdio']);
    client.settings = { kubeExpose: { coldReader: reader } };
    const begun = performance.now();
    const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false);
    await client.initialize(dir, pathToFileURL(dir).href);
    await indexed;
    server[reader] = { coldMs: round(performance.now() - begun, 0), coldRssMB: peakRssSoFar(client.process.pid) };
    await client.stop();
  }
  const floors = await readerFloors(yamlFiles);
  return { cli, server, floorsOneThread: floors };
}

/** The CPU time the RSS hook wrote next to the peak RSS (bench/rss.cjs), when it did. */
function cpuOf(rss) {
  try {
    return round(Number(readFileSync(`${rss}.cpu`, 'utf8')), 0);
  } catch {
    return undefined;
  } finally {
    rmSync(`${rss}.cpu`, { force: true });
  }
}

/** The floor: the `yaml` package alone parsing the same bytes. */
function parseFloor(files) {
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const start = performance.now();
  for (const text of texts) parseAllDocuments(text);
  return round(performance.now() - start, 0);
}

/**
 * The floor on every core: the same bytes split across one worker thread per core, each parsing its share with
 * the `yaml` package alone. No indexer built on that package can read the repository faster on this machine.
 */
async function parallelParseFloor(files, threads) {
  const shares = Array.from({ length: threads }, () => []);
  const sized = files.map((file) => ({ file, size: statSync(file).size })).sort((a, b) => b.size - a.size);
  const totals = new Array(threads).fill(0);
  for (const { file, size } of sized) {
    const lightest = totals.indexOf(Math.min(...totals));
    shares[lightest].push(file);
    totals[lightest] += size;
  }
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const { parseAllDocuments } = require(workerData.yaml);
    const texts = workerData.files.map((file) => readFileSync(file, 'utf8'));
    parentPort.once('message', () => {
      for (const text of texts) parseAllDocuments(text);
      parentPort.postMessage('done');
    });
    parentPort.postMessage('ready');`;
  const yaml = join(ROOT, 'node_modules', 'yaml', 'dist', 'index.js');
  const workers = shares.map((share) => new Worker(source, { eval: true, workerData: { files: share, yaml } }));
  // Files are read before the clock starts, as in parseFloor.
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  const start = performance.now();
  await Promise.all(
    workers.map((worker) => {
      const done = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('go');
      return done;
    }),
  );
  const ms = performance.now() - start;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return round(ms, 0);
}

const results = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, sizes: {} };
if (only === 'cold') {
  const last = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'));
  for (const size of sizes) {
    const dir = repository(size);
    process.stderr.write(`${size}: cold readers...\n`);
    last.sizes[size] = { ...last.sizes[size], coldReaders: { date: results.date, ...(await measureColdReaders(dir, filesBelow(dir, (path) => /\.ya?ml$/.test(path)))) } };
  }
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(last, null, 2)}\n`);
  console.log(coldTable(last, sizes));
  process.exit(0);
}
if (only === 'during') {
  const servers = argument('servers', SERVER).split(',').map((path) => resolve(path));
  const rounds = Number(argument('rounds', '3'));
  for (const size of sizes) {
    const dir = repository(size);
    const routes = filesBelow(dir, (path) => path.endsWith('routes.yml')).sort((a, b) => statSync(b).size - statSync(a).size)[0];
    const runs = servers.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [index, server] of servers.entries()) {
        const result = await measureDuringIndex(dir, routes, server);
        runs[index].push(result);
        console.log(`${size} round ${round + 1} ${server}: open ${result.openMs} ms; edits p50 ${result.p50} / p99 ${result.p99} ms (${result.edits} edits)`);
      }
    }
    for (const [index, server] of servers.entries()) {
      const median = (key) => percentile(runs[index].map((run) => run[key]), 50);
      console.log(`${size} median of ${rounds} ${server}: open ${median('openMs')} ms; edits p50 ${median('p50')} / p99 ${median('p99')} ms (${median('edits')} edits)`);
    }
  }
  process.exit(0);
}
if (only === 'cache') {
  for (const size of sizes) {
    const dir = repository(size);
    const yamlFiles = filesBelow(dir, (path) => /\.ya?ml$/.test(path));
    const routes = yamlFiles.filter((path) => path.endsWith('routes.yml')).sort((a, b) => statSync(b).size - statSync(a).size)[0];
    const routesEnv = relative(dir, routes).split('/')[1] ?? '';
    const service = yamlFiles.find((path) => path.includes(`${join(dir, 'k8s', routesEnv)}/`));
    const cli = measureCli(dir);
    const c = measureCliCache(dir, routes, service);
    const server = await measureServerCache(dir);
    console.log(`${size}: CLI with --cache ${c.writingMs} / ${c.warmMs} / ${c.oneChangedMs} / ${c.serviceChangedMs ?? '?'} ms (cold ${cli.ms} ms)${c.warmReport === cli.report ? '' : ', DIFFERENT diagnostics'}; cache ${c.cacheMB} MB; server ${server.writingMs} / ${server.warmMs} ms`);
  }
  process.exit(0);
}
for (const size of sizes) {
  if (!SIZES[size]) throw new Error(`unknown size ${size}`);
  const dir = repository(size);
  const yamlFiles = filesBelow(dir, (path) => /\.ya?ml$/.test(path));
  const routes = yamlFiles.filter((path) => path.endsWith('routes.yml')).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  const services = yamlFiles.filter((path) => path.includes(`${join(dir, 'k8s')}/`)).slice(0, SERVICES_SIDE_BY_SIDE + 2);
  process.stderr.write(`${size}: CLI... `);
  const cli = measureCli(dir);
  process.stderr.write('CLI with cache... ');
  // A Service of the environment of the largest routes.yml (inventories/<env>/webservers_pool/routes.yml).
  const routesEnv = relative(dir, routes).split('/')[1] ?? '';
  const service = yamlFiles.find((path) => path.includes(`${join(dir, 'k8s', routesEnv)}/`));
  const cliCache = measureCliCache(dir, routes, service);
  process.stderr.write('server... ');
  const server = await measureServer(dir, routes, services);
  process.stderr.write('server with cache... ');
  const serverCache = await measureServerCache(dir);
  process.stderr.write('edits during the cold index... ');
  const duringIndex = await measureDuringIndex(dir, routes);
  process.stderr.write('yaml-language-server... ');
  const theirs = await measureYamlLanguageServer(dir, services);
  process.stderr.write('floor...\n');
  const floorMs = parseFloor(yamlFiles);
  const routesFloorMs = parseFloor([routes]);
  const threads = availableParallelism();
  const parallelFloorMs = await parallelParseFloor(yamlFiles, threads);
  results.sizes[size] = {
    files: yamlFiles.length,
    routesLines: readFileSync(routes, 'utf8').split('\n').length,
    cli: { ...cli, report: undefined },
    cliCache: { ...cliCache, warmReport: undefined, sameAsCold: cliCache.warmReport === cli.report },
    server,
    serverCache,
    duringIndex,
    yamlLanguageServer: { serviceOpen: theirs },
    ratioServiceOpenP50: round(server.serviceOpen.p50 / theirs.p50, 3),
    floor: { allFilesMs: floorMs, largestRoutesMs: routesFloorMs, cliOverFloor: round(cli.ms / floorMs, 2), threads, allFilesParallelMs: parallelFloorMs },
    coldReaders: await measureColdReaders(dir, yamlFiles),
  };
}
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const rows = [
  ['', ...sizes],
  ['files / largest routes.yml lines', ...sizes.map((size) => `${results.sizes[size].files} / ${results.sizes[size].routesLines}`)],
  ['CLI check: wall, peak RSS', ...sizes.map((size) => `${results.sizes[size].cli.ms} ms, ${results.sizes[size].cli.rssMB} MB`)],
  ['CLI: planted mistakes found', ...sizes.map((size) => results.sizes[size].cli.mistakesFound)],
  ['server: initialize to all diagnostics, peak RSS', ...sizes.map((size) => `${results.sizes[size].server.coldMs} ms, ${results.sizes[size].server.coldRssMB ?? '?'} MB`)],
  ['server: peak RSS over the whole run (edits, requests, Service opens)', ...sizes.map((size) => `${results.sizes[size].server.rssMB} MB`)],
  ['CLI with --cache: first run (writes it) / warm / one file changed, the largest routes.yml / a Service (medians)', ...sizes.map((size) => { const c = results.sizes[size].cliCache; return `${c.writingMs} / ${c.warmMs} / ${c.oneChangedMs} / ${c.serviceChangedMs ?? '?'} ms (cold ${results.sizes[size].cli.ms} ms)${c.sameAsCold ? '' : ', DIFFERENT diagnostics'}`; })],
  ['cache size on disk', ...sizes.map((size) => `${results.sizes[size].cliCache.cacheMB} MB`)],
  ['server with a cache folder: initialize to all diagnostics, first start / warm', ...sizes.map((size) => `${results.sizes[size].serverCache.writingMs} / ${results.sizes[size].serverCache.warmMs} ms (cold ${results.sizes[size].server.coldMs} ms)`)],
  ['first keystroke in routes.yml, 0.5 s after opening it (indexed)', ...sizes.map((size) => `${results.sizes[size].server.edit.first} ms (later p50 ${results.sizes[size].server.edit.p50} ms)`)],
  ['during the cold index: routes.yml didOpen to diagnostics; edits re-published p50 / p99', ...sizes.map((size) => { const d = results.sizes[size].duringIndex; return `${d.openMs} ms; ${d.p50} / ${d.p99} ms (${d.edits} edits)`; })],
  ['edit in routes.yml re-published p50 / p99 (after the first)', ...sizes.map((size) => `${results.sizes[size].server.edit.p50} / ${results.sizes[size].server.edit.p99} ms`)],
  ['typing in routes.yml (insert, delete) p50 / p99', ...sizes.map((size) => `${results.sizes[size].server.typing.p50} / ${results.sizes[size].server.typing.p99} ms`)],
  ['completion p50 / p99', ...sizes.map((size) => `${results.sizes[size].server.completion.p50} / ${results.sizes[size].server.completion.p99} ms`)],
  ['hover p50 / p99', ...sizes.map((size) => `${results.sizes[size].server.hover.p50} / ${results.sizes[size].server.hover.p99} ms`)],
  ['definition p50 / p99', ...sizes.map((size) => `${results.sizes[size].server.definition.p50} / ${results.sizes[size].server.definition.p99} ms`)],
  ['Service didOpen to diagnostics p50, ours / yaml-language-server', ...sizes.map((size) => `${results.sizes[size].server.serviceOpen.p50} / ${results.sizes[size].yamlLanguageServer.serviceOpen.p50} ms (x${results.sizes[size].ratioServiceOpenP50})`)],
  ['floor: yaml parse of all files / largest routes.yml', ...sizes.map((size) => `${results.sizes[size].floor.allFilesMs} / ${results.sizes[size].floor.largestRoutesMs} ms`)],
  ['CLI time over the parse floor', ...sizes.map((size) => `x${results.sizes[size].floor.cliOverFloor}`)],
  ['floor on every core: yaml parse of all files split across worker threads', ...sizes.map((size) => `${results.sizes[size].floor.allFilesParallelMs} ms (${results.sizes[size].floor.threads} threads)`)],
];
const table = [`| ${rows[0].join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map((row) => `| ${row.join(' | ')} |`)].join('\n');
console.log(table);
console.log();
console.log(coldTable(results, sizes));

/** The cold index with each reader, side by side with both readers' floors of the same run. */
function coldTable(data, names) {
  const cold = (size) => data.sizes[size].coldReaders;
  const coldRows = [
    ['cold index', ...names],
    ['CLI check, fast reader: wall, CPU, peak RSS', ...names.map((size) => `${cold(size).cli.fast.ms} ms, ${cold(size).cli.fast.cpuMs ?? '?'} ms, ${cold(size).cli.fast.rssMB} MB`)],
    ['CLI check, --reader yaml: wall, CPU, peak RSS', ...names.map((size) => `${cold(size).cli.yaml.ms} ms, ${cold(size).cli.yaml.cpuMs ?? '?'} ms, ${cold(size).cli.yaml.rssMB} MB`)],
    ['server initialize to all diagnostics, fast reader: wall, peak RSS', ...names.map((size) => `${cold(size).server.fast.coldMs} ms, ${cold(size).server.fast.coldRssMB ?? '?'} MB`)],
    ['server initialize to all diagnostics, coldReader yaml: wall, peak RSS', ...names.map((size) => `${cold(size).server.yaml.coldMs} ms, ${cold(size).server.yaml.coldRssMB ?? '?'} MB`)],
    ['one thread: yaml parse / fast reader / js-yaml listener (floors)', ...names.map((size) => `${cold(size).floorsOneThread.yaml.ms} / ${cold(size).floorsOneThread.fast.ms} / ${cold(size).floorsOneThread.jsYamlListener.ms} ms`)],
  ];
  return [`| ${coldRows[0].join(' | ')} |`, `|${coldRows[0].map(() => '---').join('|')}|`, ...coldRows.slice(1).map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
