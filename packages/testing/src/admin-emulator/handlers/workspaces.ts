import { copyPresent, requireString } from "../body-fields";
import { EmulatorHttpError, badRequest, notFound } from "../http-error";
import { nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import { WORKSPACE_SETTABLE, type WorkspaceRecord } from "../records";
import { created, ok, type Body, type HandlerContext, type Route } from "../route-types";
import type { AdminStore } from "../store";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function workspaceOr404(store: AdminStore, idOrSlug: string | undefined): WorkspaceRecord {
  const workspace = idOrSlug === undefined ? undefined : store.workspace(idOrSlug);
  if (!workspace) throw notFound(`No workspace with id or slug ${idOrSlug}.`);
  return workspace;
}

function checkNameAndSlug(store: AdminStore, body: Body, self?: WorkspaceRecord): void {
  const { name, slug } = body;
  if (name !== undefined && (typeof name !== "string" || name.length === 0 || name.length > 100)) {
    throw badRequest("name must be a string of 1 to 100 characters.");
  }
  if (slug === undefined) return;
  if (typeof slug !== "string" || slug.length > 50 || !SLUG.test(slug)) {
    throw badRequest("slug must be 1 to 50 lowercase letters, digits and single hyphens.");
  }
  const holder = store.workspace(slug);
  if (holder && holder !== self)
    throw badRequest(`The slug ${slug} is already used by another workspace.`);
}

function createWorkspace({ store, body }: HandlerContext) {
  const name = requireString(body, "name");
  const slug = requireString(body, "slug");
  checkNameAndSlug(store, body);
  const workspace = store.addWorkspace({ name, slug });
  copyPresent(workspace, body, WORKSPACE_SETTABLE);
  return created({ data: workspace });
}

function updateWorkspace({ store, params, body }: HandlerContext) {
  const workspace = workspaceOr404(store, params.id);
  checkNameAndSlug(store, body, workspace);
  if (typeof body.name === "string") workspace.name = body.name;
  if (typeof body.slug === "string") workspace.slug = body.slug;
  copyPresent(workspace, body, WORKSPACE_SETTABLE);
  workspace.updated_at = nowIso();
  return ok({ data: workspace });
}

/** Like the API: the default workspace stays, and a workspace with keys cannot go. */
function deleteWorkspace({ store, params }: HandlerContext) {
  const workspace = workspaceOr404(store, params.id);
  if (workspace.id === store.defaultWorkspaceId) {
    throw new EmulatorHttpError(403, "The default workspace cannot be deleted.");
  }
  const keys = [...store.keys.values()].filter((k) => k.workspace_id === workspace.id).length;
  if (keys > 0) {
    throw badRequest(
      `Workspace ${workspace.slug} still has ${keys} API key(s); delete them first.`,
    );
  }
  store.removeWorkspace(workspace.id);
  return ok({ deleted: true });
}

export const workspaceRoutes: Route[] = [
  {
    method: "GET",
    path: "/workspaces",
    operationId: "listWorkspaces",
    handler: ({ store, query }) => ok(offsetLimitPage([...store.workspaces.values()], query)),
  },
  {
    method: "POST",
    path: "/workspaces",
    operationId: "createWorkspace",
    handler: createWorkspace,
    hasBody: true,
  },
  {
    method: "GET",
    path: "/workspaces/{id}",
    operationId: "getWorkspace",
    handler: ({ store, params }) => ok({ data: workspaceOr404(store, params.id) }),
  },
  {
    method: "PATCH",
    path: "/workspaces/{id}",
    operationId: "updateWorkspace",
    handler: updateWorkspace,
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/workspaces/{id}",
    operationId: "deleteWorkspace",
    handler: deleteWorkspace,
  },
];
