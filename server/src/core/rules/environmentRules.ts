import type { TemplateExpression } from '../jinja/template';
import type { PortValue } from './chain';
import { checkDuplicates, proxyGroupProblem, routeGroupProblem, routeStreamProblems, streamNames, targetGroupProblem, variableProblem, type RepeatedValues, type VariableProblem } from './environment';
import type { Sink } from './sink';
import type { EnvironmentView } from './view';

/** How many entries or expressions are walked between two steps (a few milliseconds). */
export const STEP_ENTRIES = 256;

/**
 * The rules of the whole environment, beside each chain's: repeated values, groups, streams, variables. `own` gives
 * the sink of what is found about an entry or expression (undefined: the HAProxy side, duplicates).
 */
export function* environmentRules(
  view: EnvironmentView,
  portValue: PortValue,
  variables: WeakMap<TemplateExpression, VariableProblem | null>,
  own: (owner: object | undefined) => Sink,
): Generator<undefined, { readonly repeated: RepeatedValues; readonly streams: ReadonlySet<string> }, undefined> {
  const repeated = checkDuplicates(view, portValue, own(undefined));
  yield;
  for (const [index, at] of view.routeEntries.entries()) {
    routeGroupProblem(view, at, own(at.entry));
    if (index % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
  }
  for (const [index, at] of view.proxyEntries.entries()) {
    proxyGroupProblem(view, at, own(at.entry));
    if (index % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
  }
  for (const file of view.proxyFiles) targetGroupProblem(view, file, own(file.proxy?.targetGroup));
  const streams = streamNames(view);
  yield;
  for (const [index, at] of view.routeEntries.entries()) {
    routeStreamProblems(view, streams, at, own(at.entry));
    if (index % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
  }
  for (const files of [view.proxyFiles, view.routesFiles]) {
    for (const file of files) {
      for (const [index, expression] of file.templates.entries()) {
        variableProblem(view, variables, file, expression, own(expression));
        if (index % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
      }
    }
  }
  return { repeated, streams };
}
