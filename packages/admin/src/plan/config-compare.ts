import { secretMatches, secretReference } from "../state/env-secrets";
import { sameValue } from "./compare";

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Whether a value is, or holds at any depth, a `${NAME}` reference. */
export function holdsReference(value: unknown): boolean {
  if (secretReference(value) !== undefined) return true;
  return isObject(value) && Object.values(value).some(holdsReference);
}

/**
 * Whether the account's value agrees with the state's: a `${NAME}` reference through what the
 * API shows of the secret it names (masked values by their ends), objects (like `headers`) field
 * by field with the same fields on both sides, anything else as plan compares values.
 */
export function agrees(
  wanted: unknown,
  current: unknown,
  secrets: ReadonlyMap<string, string>,
): boolean {
  const variable = secretReference(wanted);
  if (variable !== undefined) {
    const secret = secrets.get(variable);
    return secret !== undefined && secretMatches(current, secret);
  }
  if (isObject(wanted) && holdsReference(wanted)) {
    if (!isObject(current)) return false;
    const fields = new Set([...Object.keys(wanted), ...Object.keys(current)]);
    return [...fields].every((field) => agrees(wanted[field], current[field], secrets));
  }
  return sameValue(wanted, current);
}
