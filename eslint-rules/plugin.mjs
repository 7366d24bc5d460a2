// Local ESLint rules of the project. `import-graph` fails on an import circle and on an import that runs from
// a lower layer of the server up to a higher one (see LAYERS in importGraph.mjs).
import { join, relative, resolve } from 'node:path';
import { buildGraph, circles, layerOf, resolveImport } from './importGraph.mjs';

const repo = resolve(import.meta.dirname, '..');
const roots = [join(repo, 'server/src'), join(repo, 'client/src')];
const serverRoot = join(repo, 'server/src');

/** One graph per lint run: rebuilt when a second has passed, so an editor's long-lived ESLint sees edits. */
let cached;
function componentOf() {
  const now = Date.now();
  if (!cached || now - cached.at > 1000) {
    const component = new Map();
    for (const members of circles(buildGraph(roots))) for (const member of members) component.set(member, members);
    cached = { at: now, component };
  }
  return cached.component;
}

const importGraph = {
  meta: {
    type: 'problem',
    docs: { description: 'No import circles; no import from a lower layer of the server to a higher one.' },
    schema: [],
    messages: {
      circle: 'Import circle: {{members}}. Move what both sides need into a module of its own.',
      upward: 'A file of {{from}} may not import {{to}}, a higher layer.',
    },
  },
  create(context) {
    const file = context.filename;
    if (!roots.some((root) => file.startsWith(`${root}/`))) return {};
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolveImport(file, specifier);
      if (!target) return;
      const members = componentOf().get(file);
      if (members?.includes(target)) {
        context.report({ node: node.source, messageId: 'circle', data: { members: members.map((member) => relative(repo, member)).join(' <-> ') } });
      }
      const from = layerOf(file, serverRoot);
      const to = layerOf(target, serverRoot);
      if (from && to && to.rank > from.rank) context.report({ node: node.source, messageId: 'upward', data: { from: from.name, to: to.name } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'import-graph': importGraph } };
