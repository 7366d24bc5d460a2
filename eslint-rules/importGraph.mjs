// The import graph of the sources, read with a regular expression (relative imports only): enough to find
// circles and imports that run up the layers, without a resolver plugin and its dependencies.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const IMPORT = /^\s*(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative specifiers of one file's static imports and re-exports, with the line they start on. */
export function importsOf(text) {
  const found = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    const line = text.slice(0, match.index + match[0].length).split('\n').length;
    found.push({ specifier, line });
  }
  return found;
}

export function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Edges of every .ts file under the roots. */
export function buildGraph(roots) {
  const graph = new Map();
  for (const root of roots) {
    for (const file of tsFiles(root)) {
      const targets = importsOf(readFileSync(file, 'utf8')).map(({ specifier }) => resolveImport(file, specifier)).filter((target) => target !== undefined);
      graph.set(file, new Set(targets));
    }
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself): the import circles. */
export function circles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (start) => {
    // Iterative Tarjan: the graph is small, but recursion depth should not depend on it.
    const work = [{ node: start, targets: [...(graph.get(start) ?? [])], next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++];
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, targets: [...(graph.get(target) ?? [])], next: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node), low.get(frame.node)));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || graph.get(frame.node)?.has(frame.node)) found.push(component);
      }
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * The layers of the server, lowest first: a file may import its own layer or a lower one. Files of the
 * same layer group (lsp and node; server.ts and cli) may import each other.
 */
const LAYERS = [
  ['core/text', 'core/jinja', 'core/settings.ts', 'core/settingsLayers.ts', 'core/util.ts', 'core/codes.ts', 'core/types.ts'],
  ['core/yaml'],
  ['core/model', 'core/schema'],
  ['core/rules'],
  ['core/workspace'],
  ['core/edit'],
  ['core/features'],
  ['lsp', 'node'],
  ['server.ts', 'cli'],
];

/** The layer of a file under server/src, or undefined for files outside it. */
export function layerOf(file, serverRoot) {
  const path = relative(serverRoot, file).split(sep).join('/');
  if (path.startsWith('..')) return undefined;
  for (const [rank, prefixes] of LAYERS.entries()) {
    if (prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return { rank, name: prefixes.join(', ') };
  }
  return undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const repo = resolve(import.meta.dirname, '..');
  const graph = buildGraph([join(repo, 'server/src'), join(repo, 'client/src')]);
  for (const component of circles(graph)) console.log('circle:', component.map((file) => relative(repo, file)).join(' <-> '));
  const serverRoot = join(repo, 'server/src');
  for (const [file, targets] of graph) {
    const from = layerOf(file, serverRoot);
    for (const target of targets) {
      const to = layerOf(target, serverRoot);
      if (from && to && to.rank > from.rank) console.log('upward:', relative(repo, file), '->', relative(repo, target));
    }
  }
}
