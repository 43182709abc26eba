import { badRequest } from "../http-error";
import { offsetLimitPage } from "../pagination";
import { ok, type HandlerContext, type Route } from "../route-types";

/** `GET /activity`: the seeded rows, filtered like the API filters them. */
function activity({ store, query }: HandlerContext) {
  const date = query.get("date");
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw badRequest(`date must be YYYY-MM-DD, got "${date}".`);
  }
  const groupBy = query.get("group_by");
  if (groupBy !== null && groupBy !== "workspace")
    throw badRequest(`group_by must be "workspace".`);
  const workspaceId = query.get("workspace_id");
  const rows = store.activity
    .filter((row) => date === null || row.date === date)
    .filter((row) => workspaceId === null || row.workspace_id === workspaceId)
    .map((row) => {
      if (groupBy === "workspace") return row;
      const { workspace_id: _omitted, ...rest } = row;
      return rest;
    });
  return ok({ data: rows });
}

export const accountRoutes: Route[] = [
  {
    method: "GET",
    path: "/credits",
    operationId: "getCredits",
    handler: ({ store }) => ok({ data: { ...store.credits } }),
  },
  { method: "GET", path: "/activity", operationId: "getUserActivity", handler: activity },
  {
    method: "GET",
    path: "/organization/members",
    operationId: "listOrganizationMembers",
    handler: ({ store, query }) => ok(offsetLimitPage(store.members, query)),
  },
];
