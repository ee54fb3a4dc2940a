// How the command line ends: its exit codes and the error a command throws to stop with a usage error.
// A module of its own so that command modules import it without importing main.ts, which imports them.

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** Thrown to stop with a usage error (exit 2) and a message. */
export class UsageError extends Error {}
