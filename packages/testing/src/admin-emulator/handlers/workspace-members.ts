import { requireStringList } from "../body-fields";
import { badRequest } from "../http-error";
import { newId, nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import type { WorkspaceMemberRecord } from "../records";
import { ok, type HandlerContext, type Route } from "../route-types";
import { workspaceOr404 } from "./workspaces";

/** The bulk member bodies take at most 100 user ids (from the spec). */
const MAX_USER_IDS = 100;

function membersOf(ctx: HandlerContext): Map<string, WorkspaceMemberRecord> {
  const workspace = workspaceOr404(ctx.store, ctx.params.id);
  return ctx.store.workspaceMembers.get(workspace.id) as Map<string, WorkspaceMemberRecord>;
}

function addMembers(ctx: HandlerContext) {
  const workspace = workspaceOr404(ctx.store, ctx.params.id);
  const members = membersOf(ctx);
  const userIds = requireStringList(ctx.body, "user_ids", MAX_USER_IDS);
  const unknown = userIds.filter((id) => !ctx.store.isMember(id));
  if (unknown.length > 0)
    throw badRequest(`Not members of the organization: ${unknown.join(", ")}.`);
  const data: WorkspaceMemberRecord[] = [];
  for (const userId of userIds) {
    if (members.has(userId)) continue;
    const member: WorkspaceMemberRecord = {
      id: newId(),
      workspace_id: workspace.id,
      user_id: userId,
      role: "member",
      created_at: nowIso(),
    };
    members.set(userId, member);
    data.push(member);
  }
  return ok({ data, added_count: data.length });
}

function removeMembers(ctx: HandlerContext) {
  const members = membersOf(ctx);
  let removed = 0;
  for (const userId of requireStringList(ctx.body, "user_ids", MAX_USER_IDS)) {
    if (members.delete(userId)) removed += 1;
  }
  return ok({ removed_count: removed });
}

export const memberRoutes: Route[] = [
  {
    method: "GET",
    path: "/workspaces/{id}/members",
    operationId: "listWorkspaceMembers",
    handler: (ctx) => ok(offsetLimitPage([...membersOf(ctx).values()], ctx.query)),
  },
  {
    method: "POST",
    path: "/workspaces/{id}/members/add",
    operationId: "bulkAddWorkspaceMembers",
    handler: addMembers,
    hasBody: true,
  },
  {
    method: "POST",
    path: "/workspaces/{id}/members/remove",
    operationId: "bulkRemoveWorkspaceMembers",
    handler: removeMembers,
    hasBody: true,
  },
];
