import type { GuardrailsResource } from "./resources/guardrails";
import type { KeysResource } from "./resources/keys";
import type { ApiKey, CreateKeyBody } from "./types";

export interface RotateOptions {
  /** What becomes of the old key once the new one is ready. Default `"disable"`. */
  old?: "disable" | "delete";
  /** An expiry for the new key (ISO 8601). Default: none. */
  expiresAt?: string;
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

/** Where a rotation stopped: nothing changed before `assign-guardrail`; after, both keys exist. */
export type RotationStage = "read-old" | "create-new" | "assign-guardrail" | "retire-old";

/**
 * A rotation that stopped part way. The message says what exists now; when the new key was
 * created, `newKey` names it and `secret` holds its secret (not in the message, not in JSON).
 */
export class RotationError extends Error {
  override name = "RotationError";
  declare readonly secret: string | undefined;

  constructor(
    readonly stage: RotationStage,
    message: string,
    readonly oldHash: string,
    readonly newKey: ApiKey | undefined,
    secret: string | undefined,
    cause: unknown,
  ) {
    super(message, { cause });
    // Kept off the enumerable fields so logging the error never prints it.
    Object.defineProperty(this, "secret", { value: secret, enumerable: false });
  }
}

const short = (hash: string) => hash.slice(0, 12);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Replaces a key: creates a new one with the same name, limit, reset period, BYOK setting,
 * workspace and guardrail, then disables or deletes the old one. The old key is touched only once
 * the new one is complete, so a failure part way leaves both usable (see `RotationError`).
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
  try {
    current = await keys.get(hash);
    guardrailId = await guardrailOf(guardrails, hash);
  } catch (error) {
    throw new RotationError(
      "read-old",
      `${prefix} failed before any change: could not read the key: ${reason(error)}. Nothing was created or changed.`,
      hash,
      undefined,
      undefined,
      error,
    );
  }

  let created: { data: ApiKey; key: string };
  try {
    created = await keys.create(replacementBody(current, options.expiresAt));
  } catch (error) {
    throw new RotationError(
      "create-new",
      `${prefix} failed: could not create the replacement key: ${reason(error)}. The old key is unchanged.`,
      hash,
      undefined,
      undefined,
      error,
    );
  }
  const fresh = created.data;

  if (guardrailId !== null) {
    try {
      await guardrails.assignKeys(guardrailId, [fresh.hash]);
    } catch (error) {
      throw new RotationError(
        "assign-guardrail",
        `${prefix} stopped part way: the replacement key ${short(fresh.hash)} ("${fresh.name}") was created, ` +
          `but assigning guardrail ${guardrailId} to it failed: ${reason(error)}. Both keys are usable: the old key ` +
          `is unchanged and the new key's secret is in error.secret (shown once). Assign the guardrail to the new ` +
          `key and retire the old one, or delete the new key to undo.`,
        hash,
        fresh,
        created.key,
        error,
      );
    }
  }

  try {
    if (old === "delete") await keys.delete(hash);
    else await keys.update(hash, { disabled: true });
  } catch (error) {
    throw new RotationError(
      "retire-old",
      `${prefix} stopped part way: the replacement key ${short(fresh.hash)} is ready` +
        `${guardrailId === null ? "" : ` with guardrail ${guardrailId}`}, but ${old === "delete" ? "deleting" : "disabling"} ` +
        `the old key failed: ${reason(error)}. Both keys are usable; the new key's secret is in error.secret ` +
        `(shown once). ${old === "delete" ? "Delete" : "Disable"} the old key yourself.`,
      hash,
      fresh,
      created.key,
      error,
    );
  }
  return {
    key: created.key,
    data: fresh,
    guardrailId,
    previous: { hash, action: old === "delete" ? "deleted" : "disabled" },
  };
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
