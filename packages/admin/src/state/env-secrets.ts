import type { DesiredState } from "./desired-state";

/** `${NAME}`: a secret the state names, read from the environment. */
const REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The variable a `${NAME}` value names, or undefined for any other value. */
export function secretReference(value: unknown): string | undefined {
  return typeof value === "string" ? REFERENCE.exec(value)?.[1] : undefined;
}

/** Environment variables the state names that are not set: named, never their values. */
export class MissingSecretError extends Error {
  override name = "MissingSecretError";
  constructor(readonly missing: Array<{ variable: string; path: string }>) {
    super(
      `${missing.length === 1 ? "An environment variable" : `${missing.length} environment variables`} the state names ${missing.length === 1 ? "is" : "are"} not set:\n` +
        missing.map((m) => `  ${m.variable} (${m.path})`).join("\n"),
    );
  }
}

/** Where the state may name secrets: each BYOK `key` and every value of a destination's config. */
export function secretReferences(state: DesiredState): Array<{ variable: string; path: string }> {
  const found: Array<{ variable: string; path: string }> = [];
  const visit = (value: unknown, path: string) => {
    const variable = secretReference(value);
    if (variable !== undefined) found.push({ variable, path });
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [field, inner] of Object.entries(value)) visit(inner, `${path}.${field}`);
    }
  };
  for (const [i, byok] of (state.byok ?? []).entries()) visit(byok.key, `byok[${i}].key`);
  for (const [i, destination] of (state.observability ?? []).entries())
    visit(destination.config, `observability[${i}].config`);
  return found;
}

export type Environment = Record<string, string | undefined>;

const processEnv = (): Environment =>
  (globalThis as { process?: { env?: Environment } }).process?.env ?? {};

/**
 * Reads the secrets a state names from the environment. Throws `MissingSecretError` naming every
 * variable that is unset or empty, so nothing is sent when one is missing.
 */
export function readSecrets(
  state: DesiredState,
  env: Environment = processEnv(),
): Map<string, string> {
  const values = new Map<string, string>();
  const missing: Array<{ variable: string; path: string }> = [];
  for (const ref of secretReferences(state)) {
    const value = env[ref.variable];
    if (value === undefined || value === "") missing.push(ref);
    else values.set(ref.variable, value);
  }
  if (missing.length > 0) throw new MissingSecretError(missing);
  return values;
}

/** A value with its `${NAME}` references replaced by the environment's values (for apply). */
export function withSecrets<T>(value: T, env: Environment = processEnv()): T {
  const variable = secretReference(value);
  if (variable !== undefined) {
    const secret = env[variable];
    if (secret === undefined || secret === "")
      throw new MissingSecretError([{ variable, path: "(apply)" }]);
    return secret as T;
  }
  if (Array.isArray(value)) return value.map((v) => withSecrets(v, env)) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSecrets(v, env)])) as T;
  return value;
}

/**
 * Whether a secret matches what the API shows of it: a masked `abcd...wxyz` shows its ends; a
 * value without `...` that is all `*` (or empty) tells nothing, so it matches; any other value
 * is compared whole.
 */
export function secretMatches(shown: unknown, secret: string): boolean {
  if (typeof shown !== "string") return false;
  const dots = shown.indexOf("...");
  if (dots >= 0) {
    const prefix = shown.slice(0, dots);
    const suffix = shown.slice(dots + 3);
    return (
      secret.length >= prefix.length + suffix.length &&
      secret.startsWith(prefix) &&
      secret.endsWith(suffix)
    );
  }
  if (/^\**$/.test(shown)) return true;
  return shown === secret;
}
