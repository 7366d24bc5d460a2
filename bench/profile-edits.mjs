// Not part of `npm run bench`: drives the server through cold indexing and typing in the largest routes.yml
// with extra node flags (e.g. --cpu-prof), to see where an edit's time goes over the protocol.
// node bench/profile-edits.mjs <repo> [node flags...]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BenchClient } from './lsp.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const [repo = join(ROOT, 'bench', 'repos', 'large'), ...flags] = process.argv.slice(2);
const routes = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? routes(join(dir, name)) : name === 'routes.yml' ? [join(dir, name)] : []));
const file = routes(repo).sort((a, b) => statSync(b).size - statSync(a).size)[0];
const client = new BenchClient([process.execPath, ...flags, join(ROOT, 'dist', 'server.js'), '--stdio']);
const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false);
await client.initialize(repo, pathToFileURL(repo).href);
await indexed;
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');
const opened = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
await opened;
const lines = text.split('\n');
const line = lines.findIndex((candidate, index) => index > lines.length / 2 && /^\s+port: \d+\s*$/.test(candidate));
const at = { line, character: (lines[line] ?? '').length };
const times = [];
for (let version = 2; version < 402; version++) {
  const adds = version % 2 === 0;
  const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri && params.version === version);
  const sent = performance.now();
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: at, end: adds ? at : { line, character: at.character + 1 } }, text: adds ? '7' : '' }],
  });
  await published;
  times.push(performance.now() - sent);
}
times.sort((a, b) => a - b);
console.log(`typing p50 ${times[200]?.toFixed(1)} ms, p99 ${times[396]?.toFixed(1)} ms`);
await client.stop();
