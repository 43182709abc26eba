import type { AdminResources } from "../admin-resources";
import type { ApiKey, Guardrail, Workspace } from "../types";

/** A key that exists but whose secret nobody received (its create's answer was lost). */
export interface LostSecret {
  name: string;
  hash: string;
}

/** What to tell the user about a key whose secret was lost, with the commands that fix it. */
export function lostSecretLine(lost: LostSecret): string {
  return (
    `key ${lost.hash} named "${lost.name}" was created but its secret was lost: delete or rotate it ` +
    `(or-admin keys delete ${lost.hash} --yes, or or-admin keys rotate ${lost.hash})`
  );
}

// Reads the account back after a create whose answer was lost: did it happen?

/** Keys (disabled included) of a workspace (default: the default workspace) with this name. */
export async function keysNamed(
  admin: { keys: Pick<AdminResources["keys"], "list"> },
  workspaceId: string | null | undefined,
  name: string,
): Promise<ApiKey[]> {
  const all = await admin.keys
    .list({ includeDisabled: true, ...(workspaceId ? { workspaceId } : {}) })
    .toArray();
  return all.filter((k) => k.name === name);
}

export async function guardrailsNamed(
  admin: Pick<AdminResources, "guardrails">,
  workspaceId: string | undefined,
  name: string,
): Promise<Guardrail[]> {
  const all = await admin.guardrails.list(workspaceId ? { workspaceId } : {}).toArray();
  return all.filter((g) => g.name === name);
}

export async function workspacesWithSlug(
  admin: Pick<AdminResources, "workspaces">,
  slug: string,
): Promise<Workspace[]> {
  return (await admin.workspaces.list().toArray()).filter((w) => w.slug === slug);
}
