import { requireString } from "../body-fields";
import { badRequest, EmulatorHttpError, notFound } from "../http-error";
import { newId, nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import { created, ok, type HandlerContext, type Route } from "../route-types";
import type { ScimMappingRecord } from "../settings-records";
import type { AdminStore } from "../store";

const ROLES = ["admin", "member"] as const;

function role(value: string): ScimMappingRecord["role"] {
  const found = ROLES.find((r) => r === value);
  if (!found) throw badRequest("role must be admin or member.");
  return found;
}

function mappingOr404(store: AdminStore, id: string | undefined): ScimMappingRecord {
  const record = id === undefined ? undefined : store.scimMappings.get(id);
  if (!record) throw notFound(`No SCIM group mapping with id ${id}.`);
  return record;
}

function createMapping({ store, body }: HandlerContext) {
  const groupId = requireString(body, "scim_group_id");
  const workspaceId = requireString(body, "workspace_id");
  const given = role(requireString(body, "role"));
  if (!store.scimGroups.has(groupId)) throw badRequest(`No SCIM group with id ${groupId}.`);
  if (!store.workspaces.has(workspaceId)) throw badRequest(`No workspace with id ${workspaceId}.`);
  for (const m of store.scimMappings.values()) {
    if (m.scim_group_id === groupId && m.workspace_id === workspaceId)
      throw new EmulatorHttpError(409, "This group is already mapped to this workspace.");
  }
  const now = nowIso();
  const record: ScimMappingRecord = {
    id: newId(),
    organization_id: store.organizationId,
    scim_group_id: groupId,
    workspace_id: workspaceId,
    role: given,
    created_at: now,
    updated_at: now,
  };
  store.scimMappings.set(record.id, record);
  return created({ data: record });
}

export const scimRoutes: Route[] = [
  {
    method: "GET",
    path: "/scim/groups",
    operationId: "listScimGroups",
    handler: ({ store, query }) => ok(offsetLimitPage([...store.scimGroups.values()], query)),
  },
  {
    method: "GET",
    path: "/scim/group-mappings",
    operationId: "listScimGroupMappings",
    handler: ({ store, query }) => ok(offsetLimitPage([...store.scimMappings.values()], query)),
  },
  {
    method: "POST",
    path: "/scim/group-mappings",
    operationId: "createScimGroupMapping",
    handler: createMapping,
    hasBody: true,
  },
  {
    method: "GET",
    path: "/scim/group-mappings/{id}",
    operationId: "getScimGroupMapping",
    handler: ({ store, params }) => ok({ data: mappingOr404(store, params.id) }),
  },
  {
    method: "PATCH",
    path: "/scim/group-mappings/{id}",
    operationId: "updateScimGroupMapping",
    handler: ({ store, params, body }) => {
      const record = mappingOr404(store, params.id);
      record.role = role(requireString(body, "role"));
      record.updated_at = nowIso();
      return ok({ data: record });
    },
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/scim/group-mappings/{id}",
    operationId: "deleteScimGroupMapping",
    handler: ({ store, params, query }) => {
      const keep = query.get("keep_members");
      if (keep !== "true" && keep !== "false")
        throw badRequest("keep_members is required: true or false.");
      const record = mappingOr404(store, params.id);
      store.scimMappings.delete(record.id);
      return ok({ deleted: true });
    },
  },
];
