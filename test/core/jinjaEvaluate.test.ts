import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Lookup, LookupResult } from '../../server/src/core/jinja/evaluate';
import { renderTemplate } from '../../server/src/core/jinja/render';

const VARS: Record<string, LookupResult> = {
  'app.pgadmin4.port': { kind: 'value', value: 30165 },
  'app.quoted.port': { kind: 'value', value: '30165' },
  base_port: { kind: 'value', value: 30000 },
  name: { kind: 'value', value: ' PgAdmin ' },
  empty: { kind: 'value', value: '' },
  app: { kind: 'unreadable', reason: 'app is a mapping' },
  'app.list': { kind: 'unreadable', reason: 'app.list is a list, not read' },
};
const lookup: Lookup = (path) => {
  for (let length = path.length; length > 0; length--) {
    const found = VARS[path.slice(0, length).join('.')];
    if (found) return length === path.length || found.kind === 'unreadable' ? found : { kind: 'undefined' };
  }
  return { kind: 'undefined' };
};

function render(template: string): string {
  const result = renderTemplate(template, lookup);
  assert.ok(result.ok, `${template}: ${result.ok ? '' : result.reason}`);
  return result.text;
}

function reason(template: string): string {
  const result = renderTemplate(template, lookup);
  assert.ok(!result.ok, `${template} should not resolve, gave ${result.ok ? result.text : ''}`);
  return result.reason;
}

describe('Jinja evaluator', () => {
  it('renders the expressions of the issue as Ansible does', () => {
    assert.equal(render('{{ app.pgadmin4.port | int + 1 }}'), '30166');
    assert.equal(render('{{ app.pgadmin4.port }}0'), '301650');
    assert.equal(render('{{ 30166 }}'), '30166');
    assert.equal(render('{{ base_port + 10 }}'), '30010');
    assert.equal(render("{{ app['pgadmin4'].port }}"), '30165');
    assert.equal(render('{{ app["pgadmin4"]["port"] }}'), '30165');
  });

  it('follows Python on integers, strings and truth', () => {
    assert.equal(render('{{ -7 // 2 }}'), '-4');
    assert.equal(render('{{ -7 % 3 }}'), '2');
    assert.equal(render('{{ 2 + 3 * 4 }}'), '14');
    assert.equal(render('{{ (2 + 3) * 4 }}'), '20');
    assert.equal(render('{{ 1_000 }}'), '1000');
    assert.equal(render("{{ 'a' 'b' ~ 1 ~ true ~ none }}"), 'ab1TrueNone');
    assert.equal(render('{{ none }}'), '');
    assert.equal(render('{{ 1 if empty else 2 }}'), '2');
    assert.equal(render('{{ empty or 7 }}'), '7');
    assert.equal(render('{{ not empty and 3 }}'), '3');
    assert.equal(render('{{ 3 > 2 }}'), 'True');
    assert.equal(render("{{ 'b' < 'a' }}"), 'False');
    assert.equal(render('{{ app.quoted.port | int - 1 }}'), '30164');
  });

  it('applies the filters the chain uses', () => {
    assert.equal(render('{{ missing | default(30100) }}'), '30100');
    assert.equal(render('{{ missing.deeper | d(5) }}'), '5');
    assert.equal(render('{{ empty | default(4, true) }}'), '4');
    assert.equal(render('{{ name | trim | lower }}'), 'pgadmin');
    assert.equal(render('{{ name | upper }}'), ' PGADMIN ');
    assert.equal(render("{{ '3x165' | replace('x', '0') }}"), '30165');
    assert.equal(render("{{ 'ab' | replace('', '-') }}"), '-a-b-');
    // Ansible doubles backslashes inside {{ }}: '\d' reaches the regex as \d, and '\n' stays two characters.
    assert.equal(render("{{ 'port-30165' | regex_replace('^port-(\\d+)$', '\\1') | int }}"), '30165');
    assert.equal(render("{{ 'a' ~ '\\n' ~ '\\\\' }}"), 'a\\n\\\\');
    assert.equal(render("{{ 'a.b' | regex_replace('[.]', '$') }}"), 'a$b');
    assert.equal(render("{{ empty | ternary(1, 2) }}"), '2');
    assert.equal(render("{{ none | ternary(1, 2, 3) }}"), '3');
    assert.equal(render('{{ 30165 | string ~ 0 }}'), '301650');
    assert.equal(render("{{ ' 42 ' | int }}"), '42');
    assert.equal(render('{{ app.pgadmin4.port | ansible.builtin.int }}'), '30165');
  });

  it('says which part it could not read, and never guesses', () => {
    assert.match(reason('{{ missing + 1 }}'), /`missing` is undefined/);
    assert.match(reason('{{ app.quoted.port + 1 }}'), /a string \+ an integer fails in Jinja/);
    assert.match(reason("{{ lookup('env', 'PORT') }}"), /`lookup\('env', 'PORT'\)`: a function call is not read/);
    assert.match(reason('{{ 1.5 }}'), /the float 1.5 is not read/);
    assert.match(reason('{{ x | to_json }}'), /the filter to_json is not read/);
    assert.match(reason('{{ app }}'), /app is a mapping/);
    assert.match(reason('{{ app.list[0] }}'), /list, not read/);
    assert.match(reason('{{ 1 // 0 }}'), /divides by zero/);
    assert.match(reason("{{ 'abc' | int }}"), /read only for a string of digits/);
    assert.match(reason('{% if x %}1{% endif %}'), /statements are not read/);
    assert.match(reason('{{ 1 +'), /not closed/);
    assert.match(reason('{{ 1 + }}'), /not a Jinja expression/);
    assert.match(reason("{{ 'aaa' | regex_replace('(a+)+b', '') }}"), /repeated group/);
    assert.match(reason("{{ 'a' | regex_replace('(?=a)', '') }}"), /only \(\?:\.\.\.\) groups/);
    assert.match(reason('{{ 9007199254740991 + 1 }}'), /too large/);
    assert.match(reason('{{ x is defined }}'), /the test `is defined` is not read/);
  });

  it('stays within bounds on hostile input', () => {
    assert.match(reason(`{{ ${'('.repeat(500)}1${')'.repeat(500)} }}`), /nests too deeply/);
    assert.match(reason(`{{ 'a' | replace('a', '${'b'.repeat(5000)}') | replace('b', 'cccc') }}`), /too long/);
  });
});
