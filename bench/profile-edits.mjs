// Not part of `npm run bench`: drives the server through cold indexing and typing in the largest routes.yml
// with extra node flags (e.g. --cpu-prof), to see where an edit's time goes over the protocol.
// node bench/profile-edits.mjs [--during] <repo> [node flags...]
// --during: the file is opened right after `initialize` and edited until the cold index is done (as
// run.mjs --only during), and each slow edit is printed with when it was sent, to find it in the profile.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BenchClient } from './lsp.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const during = process.argv[2] === '--during';
const [repo = join(ROOT, 'bench', 'repos', 'large'), ...flags] = process.argv.slice(during ? 3 : 2);
const routes = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? routes(join(dir, name)) : name === 'routes.yml' ? [join(dir, name)] : []));
const file = routes(repo).sort((a, b) => statSync(b).size - statSync(a).size)[0];
const client = new BenchClient([process.execPath, ...flags, join(ROOT, 'dist', 'server.js'), '--stdio']);
let done = false;
const indexed = client.next((method, params) => method === 'kubeExpose/status' && params.indexing === false).then(() => (done = true));
const began = performance.now();
await client.initialize(repo, pathToFileURL(repo).href);
if (!during) await indexed;
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');
const opened = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri);
await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
await opened;
const lines = text.split('\n');
const line = lines.findIndex((candidate, index) => index > lines.length / 2 && /^\s+port: \d+\s*$/.test(candidate));
const at = { line, character: (lines[line] ?? '').length };
const times = [];
for (let version = 2; during ? !done : version < 402; version++) {
  const adds = version % 2 === 0;
  const published = client.next((method, params) => method === 'textDocument/publishDiagnostics' && params.uri === uri && params.version === version);
  const sent = performance.now();
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: at, end: adds ? at : { line, character: at.character + 1 } }, text: adds ? '7' : '' }],
  });
  await published;
  const ms = performance.now() - sent;
  times.push(ms);
  if (during && ms > 30) console.log(`edit ${version} sent at ${(sent - began).toFixed(0)} ms took ${ms.toFixed(1)} ms`);
  if (during) await new Promise((resolve) => setTimeout(resolve, 50));
}
times.sort((a, b) => a - b);
const at99 = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]?.toFixed(1);
console.log(`${during ? 'during the cold index' : 'typing'}: ${times.length} edits, p50 ${at99(50)} ms, p99 ${at99(99)} ms`);
await client.stop();
