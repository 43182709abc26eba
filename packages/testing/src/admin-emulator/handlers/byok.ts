import { copyPresent, optionalString, requireString } from "../body-fields";
import { badRequest, notFound } from "../http-error";
import { newId, nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import type { ByokRecord } from "../records";
import { created, ok, type Body, type HandlerContext, type Route } from "../route-types";
import type { AdminStore } from "../store";
import { workspaceFilter } from "./workspace-filter";

const SETTABLE = [
  "name",
  "disabled",
  "is_fallback",
  "allowed_models",
  "allowed_api_key_hashes",
  "allowed_user_ids",
];

function byokOr404(store: AdminStore, id: string | undefined): ByokRecord {
  const record = id === undefined ? undefined : store.byok.get(id);
  if (!record) throw notFound(`No BYOK credential with id ${id}.`);
  return record;
}

/** The provider's key is kept by nobody: only a label made from its ends is shown. */
const providerKeyLabel = (key: string) => `${key.slice(0, 3)}...${key.slice(-4)}`;

function checkAllowedHashes(body: Body, store: AdminStore): void {
  const hashes = body.allowed_api_key_hashes;
  if (
    Array.isArray(hashes) &&
    !hashes.every((h) => typeof h === "string" && /^[a-f0-9]{64}$/.test(h))
  ) {
    throw badRequest("allowed_api_key_hashes must hold API key hashes (64 lowercase hex digits).");
  }
  // As the API: hashes of keys that are not in the account are refused.
  if (Array.isArray(hashes) && hashes.some((h) => !store.keys.has(h as string)))
    throw badRequest("allowed_api_key_hashes holds hashes of keys that are not in this account.");
}

function createByok({ store, body }: HandlerContext) {
  const provider = requireString(body, "provider");
  const key = requireString(body, "key");
  checkAllowedHashes(body, store);
  const workspaceId = optionalString(body, "workspace_id") ?? store.defaultWorkspaceId;
  if (!store.workspaces.has(workspaceId)) throw badRequest(`No workspace with id ${workspaceId}.`);
  const record: ByokRecord = {
    id: newId(),
    provider,
    workspace_id: workspaceId,
    label: providerKeyLabel(key),
    name: null,
    disabled: false,
    is_fallback: false,
    allowed_models: null,
    allowed_api_key_hashes: null,
    allowed_user_ids: null,
    sort_order: [...store.byok.values()].filter((b) => b.provider === provider).length,
    created_at: nowIso(),
  };
  copyPresent(record, body, SETTABLE);
  store.byok.set(record.id, record);
  return created({ data: record });
}

function updateByok({ store, params, body }: HandlerContext) {
  const record = byokOr404(store, params.id);
  checkAllowedHashes(body, store);
  copyPresent(record, body, SETTABLE);
  if (typeof body.key === "string" && body.key.length > 0)
    record.label = providerKeyLabel(body.key);
  return ok({ data: record });
}

export const byokRoutes: Route[] = [
  {
    method: "GET",
    path: "/byok",
    operationId: "listBYOKKeys",
    handler: ({ store, query }) => {
      const workspaceId = workspaceFilter(store, query);
      const provider = query.get("provider");
      const list = [...store.byok.values()].filter(
        (b) => b.workspace_id === workspaceId && (provider === null || b.provider === provider),
      );
      return ok(offsetLimitPage(list, query));
    },
  },
  {
    method: "POST",
    path: "/byok",
    operationId: "createBYOKKey",
    handler: createByok,
    hasBody: true,
  },
  {
    method: "GET",
    path: "/byok/{id}",
    operationId: "getBYOKKey",
    handler: ({ store, params }) => ok({ data: byokOr404(store, params.id) }),
  },
  {
    method: "PATCH",
    path: "/byok/{id}",
    operationId: "updateBYOKKey",
    handler: updateByok,
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/byok/{id}",
    operationId: "deleteBYOKKey",
    handler: ({ store, params }) => {
      store.byok.delete(byokOr404(store, params.id).id);
      return ok({ deleted: true });
    },
  },
];
