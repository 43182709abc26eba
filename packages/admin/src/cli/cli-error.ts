/** A mistake in how `or-admin` was called: printed with the usage, exit code 1. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A failure the user can fix, said in one line without the usage: a missing key, for one. */
export class CliError extends Error {
  override name = "CliError";
}

/** Exit codes, like `terraform plan -detailed-exitcode`. */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;
