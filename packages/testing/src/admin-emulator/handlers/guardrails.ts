import { copyPresent, optionalString, requireString } from "../body-fields";
import { badRequest, notFound } from "../http-error";
import { newId, nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import { GUARDRAIL_SETTABLE, type GuardrailRecord } from "../records";
import { created, ok, type Body, type HandlerContext, type Route } from "../route-types";
import type { AdminStore } from "../store";
import { workspaceFilter } from "./workspace-filter";

export function guardrailOr404(store: AdminStore, id: string | undefined): GuardrailRecord {
  const guardrail = id === undefined ? undefined : store.guardrails.get(id);
  if (!guardrail) throw notFound(`No guardrail with id ${id}.`);
  return guardrail;
}

/** The API fills in each builtin filter's read-only placeholder label from its slug. */
function withBuiltinLabels(guardrail: GuardrailRecord): void {
  const builtins = guardrail.content_filter_builtins;
  if (!Array.isArray(builtins)) return;
  guardrail.content_filter_builtins = builtins.map((entry: { slug: string }) => ({
    ...entry,
    label: `[${entry.slug.toUpperCase().replace(/-/g, "_")}]`,
  }));
}

function checkName(body: Body): void {
  const name = body.name;
  if (name !== undefined && (typeof name !== "string" || name.length === 0 || name.length > 200)) {
    throw badRequest("name must be a string of 1 to 200 characters.");
  }
}

function createGuardrail({ store, body }: HandlerContext) {
  const name = requireString(body, "name");
  checkName(body);
  const workspaceId = optionalString(body, "workspace_id") ?? store.defaultWorkspaceId;
  if (!store.workspaces.has(workspaceId)) throw badRequest(`No workspace with id ${workspaceId}.`);
  const guardrail: GuardrailRecord = {
    id: newId(),
    name,
    description: null,
    limit_usd: null,
    reset_interval: null,
    allowed_models: null,
    ignored_models: null,
    allowed_providers: null,
    ignored_providers: null,
    include_byok_in_budgets: false,
    created_at: nowIso(),
    updated_at: null,
    workspace_id: workspaceId,
  };
  copyPresent(guardrail, body, GUARDRAIL_SETTABLE);
  withBuiltinLabels(guardrail);
  store.guardrails.set(guardrail.id, guardrail);
  return created({ data: guardrail });
}

function updateGuardrail({ store, params, body }: HandlerContext) {
  const guardrail = guardrailOr404(store, params.id);
  checkName(body);
  if (typeof body.name === "string") guardrail.name = body.name;
  copyPresent(guardrail, body, GUARDRAIL_SETTABLE);
  withBuiltinLabels(guardrail);
  guardrail.updated_at = nowIso();
  return ok({ data: guardrail });
}

export const guardrailRoutes: Route[] = [
  {
    method: "GET",
    path: "/guardrails",
    operationId: "listGuardrails",
    handler: ({ store, query }) => {
      const workspaceId = workspaceFilter(store, query);
      const list = [...store.guardrails.values()].filter((g) => g.workspace_id === workspaceId);
      return ok(offsetLimitPage(list, query));
    },
  },
  {
    method: "POST",
    path: "/guardrails",
    operationId: "createGuardrail",
    handler: createGuardrail,
    hasBody: true,
  },
  {
    method: "GET",
    path: "/guardrails/{id}",
    operationId: "getGuardrail",
    handler: ({ store, params }) => ok({ data: guardrailOr404(store, params.id) }),
  },
  {
    method: "PATCH",
    path: "/guardrails/{id}",
    operationId: "updateGuardrail",
    handler: updateGuardrail,
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/guardrails/{id}",
    operationId: "deleteGuardrail",
    handler: ({ store, params }) => {
      store.removeGuardrail(guardrailOr404(store, params.id).id);
      return ok({ deleted: true });
    },
  },
];
