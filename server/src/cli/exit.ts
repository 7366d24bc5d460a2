/**
 * The one exit-status rule of every command (README, "Exit status"): scripts and CI jobs branch on it.
 * 0: done, nothing wrong; 1: problems found (check) or refused (scaffold); 2: bad usage, an unreadable
 * input or settings file, or an internal failure.
 */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Bad usage or an input that cannot be read: the run stops with its message and exit status 2. */
export class UsageError extends Error {}
