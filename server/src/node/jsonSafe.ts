/**
 * Whether JSON keeps this value as it is: a number that is not finite (YAML's `.inf`, `.nan`) would come back as
 * null. Models go through JSON on their way from a worker and into the cache; the few that do not survive it take
 * the slower structured clone, or are not kept.
 */
export function jsonSafe(value: unknown, depth = 0, skipped?: readonly string[]): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  // Models are shallow; a deeper one is not worth walking, and is simply not sent as JSON.
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!jsonSafe(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) if (!skipped?.includes(key) && !jsonSafe((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}
