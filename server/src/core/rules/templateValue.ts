import type { LookupResult } from '../jinja/evaluate';
import { isMagicVariable } from '../jinja/magic';
import { renderTemplate } from '../jinja/render';
import type { Span } from '../types';
import type { FileModel } from '../model/files';
import type { Resolution, VariableDefinition, VariableLookup } from './resolution';

/** A variable that holds a template is rendered in turn; this many levels at most (a cycle stops earlier). */
const MAX_DEPTH = 16;
const NUMBER = /^\s*[-+]?\d+\s*$/;

/**
 * The value of a scalar that holds `{{ }}` beyond a plain reference (`{{ app.x.port | int + 1 }}`, `{{ x }}0`),
 * rendered by our expression reader over the environment's variables as the hosts reading `context` see them.
 * Its source is the scalar itself (`span` in `file`): that is where a wrong result is written.
 */
export function renderValue(scope: VariableLookup, template: string, file: FileModel, span: Span, context: FileModel, via: readonly VariableDefinition[]): Resolution {
  const used: VariableDefinition[] = [];
  const result = render(scope, template, context, [...via], used, 0);
  const crossed = [...via, ...used.filter((definition) => !via.includes(definition))];
  if (!result.ok) return { via: crossed, expression: template, unresolved: result.reason };
  const value = NUMBER.test(result.text) ? Number(result.text) : result.text;
  return { value, source: { file, span }, via: crossed, expression: template };
}

function render(scope: VariableLookup, template: string, context: FileModel, stack: VariableDefinition[], used: VariableDefinition[], depth: number): ReturnType<typeof renderTemplate> {
  return renderTemplate(template, (path) => lookupValue(scope, path.join('.'), context, stack, used, depth));
}

function lookupValue(scope: VariableLookup, path: string, context: FileModel, stack: VariableDefinition[], used: VariableDefinition[], depth: number): LookupResult {
  const definition = scope.lookup(path, context)[0];
  if (!definition) {
    if (isMagicVariable(path.split('.')[0] ?? path)) return { kind: 'unreadable', reason: `${path} is set by Ansible at run time` };
    return scope.isDefined(path) ? { kind: 'unreadable', reason: `${path} is inside a list or a template, not read` } : { kind: 'undefined' };
  }
  const { fact } = definition;
  if (fact.kind !== 'scalar') return { kind: 'unreadable', reason: `${path} is a ${fact.kind === 'map' ? 'mapping' : 'list'}, not a value` };
  if (!used.includes(definition)) used.push(definition);
  const scalar = fact.scalar ?? null;
  if (typeof scalar !== 'string' || !/\{[{%#]/.test(scalar)) return { kind: 'value', value: scalar };
  if (stack.includes(definition)) return { kind: 'unreadable', reason: `${path} refers to itself` };
  if (depth >= MAX_DEPTH) return { kind: 'unreadable', reason: `${path} goes through too many templates` };
  // Ansible renders a variable's template when it is read, and hands on the text it renders to.
  const inner = render(scope, scalar, context, [...stack, definition], used, depth + 1);
  return inner.ok ? { kind: 'value', value: inner.text } : { kind: 'unreadable', reason: `${path} = ${scalar}: ${inner.reason}` };
}
