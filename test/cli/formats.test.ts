import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { formatGithub } from '../../server/src/cli/github';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../server/src/core/types';
import { EXAMPLE, REPO } from '../helpers/paths';
import { runCli } from '../helpers/run';

const ROUTES = 'inventories/protobox/webservers_pool/routes.yml';

interface ProblemMatcher {
  name: string;
  severity: string;
  fileLocation: string[];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
}

describe('kube-expose check --format sarif', () => {
  const result = runCli(['check', '--format', 'sarif', EXAMPLE], REPO);
  const log = JSON.parse(result.stdout) as Log;

  it('writes one SARIF 2.1.0 run naming every rule, and keeps the exit status', () => {
    assert.equal(result.status, 1);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]?.tool.driver;
    assert.equal(driver?.name, 'kube-expose');
    assert.deepEqual(driver?.rules?.map((rule) => rule.id), [...DIAGNOSTIC_CODES]);
    assert.ok(driver?.rules?.every((rule) => rule.shortDescription?.text));
    assert.equal(driver?.rules?.find((rule) => rule.id === 'unknown-variable')?.defaultConfiguration?.level, 'warning');
  });

  it('places the seed mismatch relative to the current folder, as every format does, with the Service as related location', () => {
    const run = log.runs[0];
    assert.equal(run?.originalUriBaseIds?.['SRCROOT']?.uri, `file://${REPO}/`);
    const [only, ...rest] = run?.results ?? [];
    assert.equal(rest.length, 0);
    assert.equal(only?.ruleId, 'port-mismatch');
    assert.equal(run?.tool.driver.rules?.[only?.ruleIndex ?? -1]?.id, 'port-mismatch');
    assert.equal(only?.level, 'error');
    assert.match(only?.message.text ?? '', /stream_vadmin port is 30164, .* \(examples\/protobox\/k8s\/postgresql\/pgadmin-service\.yml:12\)/);
    const physical = only?.locations?.[0]?.physicalLocation;
    assert.deepEqual(physical?.artifactLocation, { uri: `examples/protobox/${ROUTES}`, uriBaseId: 'SRCROOT' });
    assert.deepEqual(physical?.region, { startLine: 15, startColumn: 11, endLine: 15, endColumn: 16 });
    const related = only?.relatedLocations?.map((location) => location.physicalLocation?.artifactLocation?.uri);
    assert.ok(related?.includes('examples/protobox/k8s/postgresql/pgadmin-service.yml'), String(related));
  });
});

describe('kube-expose check --format github', () => {
  it('writes one workflow annotation per problem, paths relative to the working folder', () => {
    const result = runCli(['check', '--format', 'github', 'examples/protobox'], REPO);
    assert.equal(result.status, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', new RegExp(`^::error file=examples/protobox/${ROUTES},line=15,col=11,endColumn=16,title=kube-expose port-mismatch::Nginx stream stream_vadmin port is 30164, .* \\(examples/protobox/k8s/postgresql/pgadmin-service\\.yml:12\\)`));
    assert.equal(result.stderr, '1 error, 0 warnings in 5 files checked (1 environment, 1 chain; root: examples/protobox).\n');
  });

  it('encodes what would end a property or the message, and maps severities to annotation levels', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } };
    const diagnostic: Diagnostic = { file: '/repo/a,b:c.yml', range, severity: 'information', code: 'schema', message: '50% done\nsecond line, with comma' };
    assert.equal(formatGithub([diagnostic], '/repo'), '::notice file=a%2Cb%3Ac.yml,line=1,endLine=3,title=kube-expose schema::50%25 done%0Asecond line, with comma\n');
  });
});

describe('the contributed problem matcher', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { problemMatchers: ProblemMatcher[] } };
  const matcher = manifest.contributes.problemMatchers.find((candidate) => candidate.name === 'kube-expose');

  it('reads every field of the text output the CLI prints', () => {
    assert.ok(matcher, 'no problem matcher named kube-expose');
    const output = runCli(['check', 'examples/protobox'], REPO).stdout.trimEnd();
    const match = new RegExp(matcher.pattern.regexp).exec(output);
    assert.ok(match, output);
    const field = (index: number): string | undefined => match[index];
    assert.equal(field(matcher.pattern.file), `examples/protobox/${ROUTES}`);
    assert.equal(field(matcher.pattern.line), '15');
    assert.equal(field(matcher.pattern.column), '11');
    assert.equal(field(matcher.pattern.severity), 'error');
    assert.equal(field(matcher.pattern.code), 'port-mismatch');
    assert.match(field(matcher.pattern.message) ?? '', /^Nginx stream stream_vadmin port is 30164/);
    // VS Code reads "information" as no known severity: the matcher's own severity must then apply.
    assert.equal(matcher.severity, 'info');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });
});
