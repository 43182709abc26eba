import { reasonOf } from "../reason";
import type { AdminResources } from "../admin-resources";
import type {
  CreatedKey,
  CreateGuardrailBody,
  CreateKeyBody,
  CreateWorkspaceBody,
  Guardrail,
  Workspace,
} from "../types";
import { StepFailure } from "./apply-error";
import {
  guardrailsNamed,
  keysNamed,
  lostSecretLine,
  workspacesWithSlug,
  type LostSecret,
} from "./read-back";
import { mayHaveActed } from "./uncertain";

// Creates are sent once (@or/fetch never re-sends them blindly). When the answer is lost, the
// account is read back to learn what exists: a guardrail or workspace found is used as is (it
// holds no secret); a key found exists without its secret, which is reported, never hidden.

/** The failure of a create, after reading back what `find` says exists now. */
async function afterFailedCreate<T>(
  error: unknown,
  what: string,
  find: () => Promise<T[]>,
): Promise<{ found: T[] } | StepFailure> {
  const message = reasonOf(error);
  if (!mayHaveActed(error)) return new StepFailure(message, "it was not created", [], error);
  let found: T[];
  try {
    found = await find();
  } catch (readError) {
    return new StepFailure(
      message,
      `${what} may have been created: reading the account back failed too (${reasonOf(readError)})`,
      [],
      error,
    );
  }
  if (found.length === 0)
    return new StepFailure(message, "it was not created (the account was read back)", [], error);
  return { found };
}

/** Creates a key; a failure is a `StepFailure` that names any key that exists without its secret. */
export async function createKeyOnce(
  admin: AdminResources,
  body: CreateKeyBody,
): Promise<CreatedKey> {
  try {
    return await admin.keys.create(body);
  } catch (error) {
    const after = await afterFailedCreate(error, `key "${body.name}"`, () =>
      keysNamed(admin, body.workspace_id, body.name),
    );
    if (after instanceof StepFailure) throw after;
    const lost: LostSecret[] = after.found.map((k) => ({ name: body.name, hash: k.hash }));
    throw new StepFailure(reasonOf(error), lost.map(lostSecretLine).join("; "), lost, error);
  }
}

/** Creates something without a secret; when the answer was lost but it exists, that is success. */
async function createFound<T extends { id: string }>(
  create: () => Promise<T>,
  what: string,
  find: () => Promise<T[]>,
  notes: string[],
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    const after = await afterFailedCreate(error, what, find);
    if (after instanceof StepFailure) throw after;
    const [only] = after.found;
    if (after.found.length > 1 || !only) {
      throw new StepFailure(
        reasonOf(error),
        `${after.found.length} of them exist now (${after.found.map((f) => f.id).join(", ")}): delete all but one`,
        [],
        error,
      );
    }
    notes.push(
      `${what}: the answer to its create was lost (${reasonOf(error)}), but reading the account back found it created (${only.id}); went on.`,
    );
    return only;
  }
}

export const createGuardrailOnce = (
  admin: AdminResources,
  body: CreateGuardrailBody,
  notes: string[],
): Promise<Guardrail> =>
  createFound(
    () => admin.guardrails.create(body),
    `guardrail "${body.name}"`,
    () => guardrailsNamed(admin, body.workspace_id ?? undefined, body.name),
    notes,
  );

export const createWorkspaceOnce = (
  admin: AdminResources,
  body: CreateWorkspaceBody,
  notes: string[],
): Promise<Workspace> =>
  createFound(
    () => admin.workspaces.create(body),
    `workspace "${body.slug}"`,
    () => workspacesWithSlug(admin, body.slug),
    notes,
  );
