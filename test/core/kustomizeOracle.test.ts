import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Kustomizations, type RenderedService } from '../../server/src/core/rules/kustomize';
import { readSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { FIXTURES } from '../helpers/paths';

/** What the chain reads of a Service, in one order: ports sorted, nodePort 0 (the zero value) as unset. */
interface Shape {
  readonly name: string;
  readonly namespace: string | null;
  readonly type: string;
  readonly ports: readonly (readonly [number | null, number | null])[];
}

function filesOf(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

const byName = (a: Shape, b: Shape): number => `${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.namespace ?? ''}/${b.name}`);
const sortPorts = (ports: (readonly [number | null, number | null])[]): (readonly [number | null, number | null])[] => ports.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

function ours(service: RenderedService): Shape {
  return { name: service.name, namespace: service.namespace ?? null, type: service.type?.value ?? 'ClusterIP', ports: sortPorts(service.ports.map((port) => [port.port ?? null, port.nodePort?.value ?? null])) };
}

function theirs(yamlText: string): Shape[] {
  const shapes: Shape[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    const object = document.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: { type?: string; ports?: { port?: number; nodePort?: number }[] } } | null;
    if (object?.kind !== 'Service') continue;
    shapes.push({
      name: object.metadata?.name ?? '',
      namespace: object.metadata?.namespace ?? null,
      type: object.spec?.type ?? 'ClusterIP',
      ports: sortPorts((object.spec?.ports ?? []).map((port) => [port.port ?? null, port.nodePort ? port.nodePort : null])),
    });
  }
  return shapes.sort(byName);
}

/** The kubectl on this machine, and whether its kustomize knows `patches:` (Debian's 1.20 ships kustomize v2). */
function kubectl(): { version: string; modern: boolean } | undefined {
  const found = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) return undefined;
  const version = found.stdout.trim().replace(/\s+/g, ' ');
  const kustomize = /Kustomize Version: v(\d+)/.exec(found.stdout);
  return { version, modern: kustomize !== null && Number(kustomize[1]) >= 4 };
}

const NEWER_FIELDS = /^(patches|labels):/m;

describe('Kustomize overlays against kubectl kustomize (the oracle)', () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => filesOf(join(FIXTURES, name)).some((path) => path.endsWith('/kustomization.yaml')));

  it('finds fixture overlays to compare', () => {
    assert.ok(fixtures.length >= 2, fixtures.join(', '));
  });

  for (const fixture of fixtures) {
    it(`${fixture}: every kustomization renders the Services kubectl kustomize renders`, (t) => {
      const tool = kubectl();
      if (!tool) {
        t.skip('SKIPPED: kubectl is not installed (CI installs Debian kubernetes-client): the Kustomize oracle did not run');
        return;
      }
      t.diagnostic(`kubectl used: ${tool.version}`);
      const root = join(FIXTURES, fixture);
      const workspace = new Workspace(root, readSettings(undefined));
      for (const path of filesOf(root)) workspace.update(path, { text: readFileSync(path, 'utf8') });
      const kustomizations = new Kustomizations(workspace.allFiles());
      let compared = 0;
      for (const file of kustomizations.kustomizationFiles()) {
        const folder = dirname(file.path);
        if (!tool.modern && NEWER_FIELDS.test(file.text)) {
          t.diagnostic(`not compared: ${file.relativePath} uses fields this kustomize predates`);
          continue;
        }
        const rendered = spawnSync('kubectl', ['kustomize', folder], { encoding: 'utf8' });
        if (!tool.modern && rendered.status !== 0) {
          t.diagnostic(`not compared: this old kustomize cannot render ${file.relativePath}: ${rendered.stderr.split('\n')[0] ?? ''}`);
          continue;
        }
        assert.equal(rendered.status, 0, `kubectl kustomize ${file.relativePath}: ${rendered.stderr}`);
        const services = kustomizations.servicesOf(file);
        // Where we say the node ports cannot be known (and check none), only name, namespace and type are compared.
        const unknown = new Set(services.filter((service) => service.unknownPorts).map((service) => service.name));
        for (const name of unknown) t.diagnostic(`${file.relativePath}: node ports of ${name} not compared (we leave them unchecked)`);
        const blind = (shape: Shape): Shape => (unknown.has(shape.name) ? { ...shape, ports: [] } : shape);
        assert.deepEqual(services.map(ours).map(blind).sort(byName), theirs(rendered.stdout).map(blind), file.relativePath);
        compared++;
      }
      t.diagnostic(`${compared} kustomizations compared`);
      if (tool.modern) assert.ok(compared > 0);
    });
  }
});
