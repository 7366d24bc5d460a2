/**
 * A unified diff of one file, for texts that differ in one region (what a scaffold produces): the common
 * head and tail are kept as context, the middle is the change.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string, context = 3): string {
  const old = before === undefined || before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const next = after.replace(/\n$/, '').split('\n');
  let head = 0;
  while (head < old.length && head < next.length && old[head] === next[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < next.length - head && old[old.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  const from = Math.max(0, head - context);
  const oldEnd = Math.min(old.length, old.length - tail + context);
  const newEnd = Math.min(next.length, next.length - tail + context);
  const lines = [
    `--- ${before === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ b/${path}`,
    `@@ -${old.length === 0 ? 0 : from + 1},${oldEnd - from} +${from + 1},${newEnd - from} @@`,
    ...old.slice(from, head).map((line) => ` ${line}`),
    ...old.slice(head, old.length - tail).map((line) => `-${line}`),
    ...next.slice(head, next.length - tail).map((line) => `+${line}`),
    ...next.slice(next.length - tail, newEnd).map((line) => ` ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
