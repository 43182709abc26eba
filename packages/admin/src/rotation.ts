import { reasonOf } from "./reason";
import type { GuardrailsResource } from "./resources/guardrails";
import type { KeysResource } from "./resources/keys";
import { NotFoundError } from "@or/fetch";
import { keysNamed, lostSecretLine, type LostSecret } from "./plan/read-back";
import { mayHaveActed } from "./plan/uncertain";
import type { ApiKey, CreatedKey, CreateKeyBody } from "./types";

export interface RotateOptions {
  /** What becomes of the old key once the new one is ready. Default `"disable"`. */
  old?: "disable" | "delete";
  /** An expiry for the new key (ISO 8601). Default: none. */
  expiresAt?: string;
  /**
   * Called with the new key's secret as soon as the key exists, and awaited before anything
   * else: store it here. The old key is touched only after it returned; when it throws, the
   * rotation stops with `RotationError` (stage `"store-secret"`), the old key unchanged.
   */
  onSecret?: (secret: { name: string; hash: string; key: string }) => void | Promise<void>;
  /**
   * Stops the rotation at the next step: the request in flight finishes, then `RotationError`
   * (stage `"interrupted"`) says what exists. The old key is never retired after it fired.
   */
  signal?: AbortSignal;
}

export interface RotationResult {
  /** The new key's secret: shown this once. */
  key: string;
  /** The new key. */
  data: ApiKey;
  /** The guardrail the new key holds, as the old one did (null for none). */
  guardrailId: string | null;
  previous: { hash: string; action: "disabled" | "deleted" };
}

/**
 * Where a rotation stopped: nothing changed at `read-old`; at `create-new` nothing changed unless
 * `lostSecrets` names a key created without its secret; from `store-secret` on, both keys exist.
 */
export type RotationStage =
  | "read-old"
  | "create-new"
  | "store-secret"
  | "interrupted"
  | "assign-guardrail"
  | "retire-old";

/**
 * A rotation that stopped part way. The message says what exists now; when the new key was
 * created, `newKey` names it and `secret` holds its secret (not in the message, not in JSON).
 * `lostSecrets` lists keys that were created but whose secret never arrived (delete or rotate them).
 */
export class RotationError extends Error {
  override name = "RotationError";
  declare readonly secret: string | undefined;
  readonly lostSecrets: LostSecret[];

  constructor(
    readonly stage: RotationStage,
    message: string,
    readonly oldHash: string,
    readonly newKey: ApiKey | undefined,
    secret: string | undefined,
    cause: unknown,
    lostSecrets: LostSecret[] = [],
  ) {
    super(message, { cause });
    this.lostSecrets = lostSecrets;
    // Kept off the enumerable fields so logging the error never prints it.
    Object.defineProperty(this, "secret", { value: secret, enumerable: false });
  }
}

const short = (hash: string) => hash.slice(0, 12);

/**
 * Replaces a key: creates a new one with the same name, limit, reset period, BYOK setting,
 * workspace and guardrail, hands its secret to `onSecret`, then disables or deletes the old one.
 * The old key is touched only once the new one is complete and its secret stored, so a failure
 * part way leaves a usable key the caller holds (see `RotationError`). The create is sent once;
 * when its answer is lost, the account is read back and a key created without its secret is
 * reported in `lostSecrets`.
 * @example
 * const result = await admin.keys.rotate(hash, { onSecret: (k) => vault.put(k.name, k.key) });
 */
export async function rotateKey(
  keys: Omit<KeysResource, "rotate">,
  guardrails: GuardrailsResource,
  hash: string,
  options: RotateOptions = {},
): Promise<RotationResult> {
  const old = options.old ?? "disable";
  const prefix = `Rotation of key ${short(hash)}`;
  let current: ApiKey;
  let guardrailId: string | null;
  let sameName: Set<string>;
  try {
    current = await keys.get(hash);
    guardrailId = await guardrailOf(guardrails, hash);
    sameName = new Set(
      (await keysNamed({ keys }, current.workspace_id, current.name)).map((k) => k.hash),
    );
  } catch (error) {
    throw new RotationError(
      "read-old",
      `${prefix} failed before any change: could not read the key: ${reasonOf(error)}. Nothing was created or changed.`,
      hash,
      undefined,
      undefined,
      error,
    );
  }
  const stop = (
    stage: RotationStage,
    fresh: ApiKey,
    secret: string,
    why: string,
    error?: unknown,
  ) =>
    new RotationError(
      stage,
      `${prefix} stopped part way: the replacement key ${fresh.hash} ("${fresh.name}") was created, ${why}. ` +
        `Both keys are usable: the old key ${hash} is unchanged, and the new key's secret is in error.secret ` +
        `(shown once). Retire the old key yourself when the new one is in place, or delete the new key to undo.`,
      hash,
      fresh,
      secret,
      error,
    );

  if (options.signal?.aborted) {
    throw new RotationError(
      "interrupted",
      `${prefix} was interrupted before any change: nothing was created or changed; the old key ${hash} is unchanged.`,
      hash,
      undefined,
      undefined,
      undefined,
    );
  }
  const created = await createReplacement(keys, current, options.expiresAt, sameName, prefix);
  const fresh = created.data;
  try {
    await options.onSecret?.({ name: fresh.name, hash: fresh.hash, key: created.key });
  } catch (error) {
    throw stop(
      "store-secret",
      fresh,
      created.key,
      `but storing its secret failed: ${reasonOf(error)}`,
      error,
    );
  }
  if (options.signal?.aborted)
    throw stop("interrupted", fresh, created.key, "then the rotation was interrupted");

  if (guardrailId !== null) {
    try {
      await guardrails.assignKeys(guardrailId, [fresh.hash]);
    } catch (error) {
      // Assignments are retried; read back in case the last answer was lost after it was done.
      if ((await guardrailOf(guardrails, fresh.hash).catch(() => null)) !== guardrailId) {
        throw stop(
          "assign-guardrail",
          fresh,
          created.key,
          `but assigning guardrail ${guardrailId} to it failed: ${reasonOf(error)}. Assign the guardrail to the new key`,
          error,
        );
      }
    }
  }
  if (options.signal?.aborted)
    throw stop("interrupted", fresh, created.key, "then the rotation was interrupted");

  try {
    if (old === "delete") await keys.delete(hash);
    else await keys.update(hash, { disabled: true });
  } catch (error) {
    if (!(await isRetired(keys, hash, old))) {
      throw new RotationError(
        "retire-old",
        `${prefix} stopped part way: the replacement key ${fresh.hash} is ready` +
          `${guardrailId === null ? "" : ` with guardrail ${guardrailId}`}, but ${old === "delete" ? "deleting" : "disabling"} ` +
          `the old key failed: ${reasonOf(error)}. Both keys are usable; the new key's secret is in error.secret ` +
          `(shown once). ${old === "delete" ? "Delete" : "Disable"} the old key ${hash} yourself.`,
        hash,
        fresh,
        created.key,
        error,
      );
    }
  }
  return {
    key: created.key,
    data: fresh,
    guardrailId,
    previous: { hash, action: old === "delete" ? "deleted" : "disabled" },
  };
}

/**
 * Creates the replacement once. When the answer is lost, reads the keys of that name back: one
 * that was not there before exists without its secret, and the error names it.
 */
async function createReplacement(
  keys: Omit<KeysResource, "rotate">,
  current: ApiKey,
  expiresAt: string | undefined,
  before: Set<string>,
  prefix: string,
): Promise<CreatedKey> {
  try {
    return await keys.create(replacementBody(current, expiresAt));
  } catch (error) {
    const oldLine = `The old key ${current.hash} is unchanged and usable.`;
    const fail = (what: string, lost: LostSecret[] = []) =>
      new RotationError(
        "create-new",
        `${prefix} failed: could not create the replacement key: ${reasonOf(error)}. ${what} ${oldLine}`,
        current.hash,
        undefined,
        undefined,
        error,
        lost,
      );
    if (!mayHaveActed(error)) throw fail("No key was created.");
    let found: ApiKey[];
    try {
      found = await keysNamed({ keys }, current.workspace_id, current.name);
    } catch (readError) {
      throw fail(
        `It may have been created without its secret reaching us: reading the account back failed too ` +
          `(${reasonOf(readError)}); check with or-admin keys list --include-disabled and delete any new key named "${current.name}".`,
      );
    }
    const lost = found
      .filter((k) => !before.has(k.hash))
      .map((k) => ({ name: k.name, hash: k.hash }));
    if (lost.length === 0) throw fail("Reading the account back shows no key was created.");
    throw fail(`But ${lost.map(lostSecretLine).join("; ")}.`, lost);
  }
}

/** Whether the old key is gone (delete) or disabled, read back after a lost answer. */
async function isRetired(
  keys: Omit<KeysResource, "rotate">,
  hash: string,
  old: "disable" | "delete",
): Promise<boolean> {
  try {
    const key = await keys.get(hash);
    return old === "disable" && key.disabled === true;
  } catch (error) {
    return old === "delete" && error instanceof NotFoundError;
  }
}

function replacementBody(current: ApiKey, expiresAt: string | undefined): CreateKeyBody {
  return {
    name: current.name,
    limit: current.limit,
    limit_reset: current.limit_reset as CreateKeyBody["limit_reset"],
    include_byok_in_limit: current.include_byok_in_limit,
    workspace_id: current.workspace_id,
    ...(current.creator_user_id !== null && { creator_user_id: current.creator_user_id }),
    ...(expiresAt !== undefined && { expires_at: expiresAt }),
  };
}

/** The guardrail a key holds (at most one), from the account's assignment list. */
async function guardrailOf(guardrails: GuardrailsResource, hash: string): Promise<string | null> {
  for await (const assignment of guardrails.allKeyAssignments()) {
    if (assignment.key_hash === hash) return assignment.guardrail_id;
  }
  return null;
}
