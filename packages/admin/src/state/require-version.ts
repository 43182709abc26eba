import { StateError, type StateIssue } from "./state-error";

/**
 * Refuses a state file without the format's `version` field. Without it an empty file, or a
 * file that is not a state at all, would read as "nothing to change"; with it, an empty state
 * (`version: 1` alone) is a deliberate one. `check` runs the other checks so that one report
 * lists every problem, the missing version first.
 */
export function requireVersion<T>(value: unknown, check: () => T, file?: string): T {
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  if (isObject && "version" in value) return check();
  const message =
    value === null || value === undefined
      ? 'the file is empty: a state file starts with the format\'s version field, "version: 1"'
      : 'missing the format\'s version field: add "version: 1" at the top';
  const missing: StateIssue = { path: "", message, line: 1, column: 1 };
  try {
    check();
  } catch (error) {
    if (!(error instanceof StateError)) throw error;
    throw new StateError([missing, ...error.issues], file);
  }
  throw new StateError([missing], file);
}
