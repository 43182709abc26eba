import { badRequest } from "../http-error";
import type { AdminStore } from "../store";

/** The `workspace_id` query filter of a list: the default workspace when absent. */
export function workspaceFilter(store: AdminStore, query: URLSearchParams): string {
  const id = query.get("workspace_id");
  if (id === null || id === "") return store.defaultWorkspaceId;
  if (!store.workspaces.has(id)) throw badRequest(`No workspace with id ${id}.`);
  return id;
}
