/** How an environment is named to users: the last folder of its path (`prod` for `inventories/prod`). */
const names = new Map<string, string>();

/** Asked for every hop of every chain: remembered, since a workspace has a handful of environments. */
export function environmentName(id: string): string {
  let known = names.get(id);
  if (known === undefined) {
    const name = id.split('/').pop();
    known = name && name !== '.' ? name : 'default';
    if (names.size > 10_000) names.clear();
    names.set(id, known);
  }
  return known;
}
