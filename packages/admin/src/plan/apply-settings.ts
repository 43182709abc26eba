import type { AdminResources } from "../admin-resources";
import { withSecrets } from "../state/env-secrets";
import type {
  CreateByokBody,
  CreateObservabilityDestinationBody,
  UpdateByokBody,
  UpdateObservabilityDestinationBody,
} from "../types";
import type { SettingsOperation } from "./settings-operations";

/** Ids by name: the plan's records, or the maps `apply` keeps them in while it runs. */
type Names = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** What exists by name while applying: workspace ids and key hashes. */
export interface SettingsRefs {
  workspaces: Names;
  keys: Names;
}

function resolve(names: Names, name: string, what: string): string {
  const id =
    names instanceof Map
      ? names.get(name)
      : Object.hasOwn(names, name)
        ? (names as Record<string, string>)[name]
        : undefined;
  if (id === undefined)
    throw new Error(`${what} "${name}" does not exist (was an earlier step skipped?)`);
  return id;
}

/** Key names as hashes; null stays null (all keys); absent stays absent. */
function hashes(refs: SettingsRefs, names: string[] | null | undefined, field: string) {
  if (names === undefined) return {};
  return { [field]: names === null ? null : names.map((n) => resolve(refs.keys, n, "key")) };
}

const workspaceOf = (refs: SettingsRefs, slug: string | undefined) =>
  slug === undefined ? {} : { workspace_id: resolve(refs.workspaces, slug, "workspace") };

/**
 * Runs a BYOK, observability or SCIM step: names become ids and hashes, `${ENV_NAME}` references
 * become the environment's values only in the request sent (never kept or logged).
 */
export async function runSettingsOperation(
  admin: AdminResources,
  op: SettingsOperation,
  refs: SettingsRefs,
): Promise<void> {
  switch (op.type) {
    case "createByok":
      await admin.byok.create(
        withSecrets({
          ...op.body,
          ...workspaceOf(refs, op.workspace),
          ...hashes(refs, op.allowedKeys, "allowed_api_key_hashes"),
        }) as CreateByokBody,
      );
      return;
    case "updateByok":
      await admin.byok.update(
        op.id,
        withSecrets({
          ...op.body,
          ...hashes(refs, op.allowedKeys, "allowed_api_key_hashes"),
        }) as UpdateByokBody,
      );
      return;
    case "deleteByok":
      return admin.byok.delete(op.id);
    case "createDestination":
      await admin.observability.create(
        withSecrets({
          ...op.body,
          ...workspaceOf(refs, op.workspace),
          ...hashes(refs, op.apiKeys, "api_key_hashes"),
        }) as CreateObservabilityDestinationBody,
      );
      return;
    case "updateDestination":
      await admin.observability.update(
        op.id,
        withSecrets({
          ...op.body,
          ...hashes(refs, op.apiKeys, "api_key_hashes"),
        }) as UpdateObservabilityDestinationBody,
      );
      return;
    case "deleteDestination":
      return admin.observability.delete(op.id);
    case "createScimMapping":
      await admin.scim.mappings.create({
        scim_group_id: op.groupId,
        workspace_id: resolve(refs.workspaces, op.workspace, "workspace"),
        role: op.role,
      });
      return;
    case "updateScimMapping":
      await admin.scim.mappings.update(op.id, { role: op.role });
      return;
    case "deleteScimMapping":
      return admin.scim.mappings.delete(op.id, { keepMembers: true });
  }
}
