import {
  nullableNumber,
  optionalBoolean,
  optionalString,
  requireString,
  resetInterval,
} from "../body-fields";
import { EmulatorHttpError, badRequest, notFound } from "../http-error";
import { nowIso } from "../ids";
import { offsetOnlyPage } from "../pagination";
import type { KeyRecord } from "../records";
import { created, ok, type HandlerContext, type Route } from "../route-types";
import { NO_USAGE, type AdminStore } from "../store";
import { workspaceFilter } from "./workspace-filter";

function keyOr404(store: AdminStore, hash: string | undefined): KeyRecord {
  const key = hash === undefined ? undefined : store.keys.get(hash);
  if (!key) throw notFound(`No API key with hash ${hash}.`);
  return key;
}

/** `limit_remaining` follows `limit` and usage. */
function withRemaining(key: KeyRecord): KeyRecord {
  key.limit_remaining = key.limit === null ? null : Math.max(0, key.limit - key.usage);
  return key;
}

function listKeys({ store, query, keysPageSize }: HandlerContext) {
  const workspaceId = workspaceFilter(store, query);
  const includeDisabled = query.get("include_disabled") === "true";
  const keys = [...store.keys.values()].filter(
    (k) => k.workspace_id === workspaceId && (includeDisabled || !k.disabled),
  );
  return ok(offsetOnlyPage(keys, query, keysPageSize));
}

function createKey({ store, body }: HandlerContext) {
  const name = requireString(body, "name");
  const workspaceId = optionalString(body, "workspace_id") ?? store.defaultWorkspaceId;
  if (!store.workspaces.has(workspaceId)) throw badRequest(`No workspace with id ${workspaceId}.`);
  const creator = optionalString(body, "creator_user_id");
  if (creator !== undefined && !store.isMember(creator)) {
    throw badRequest(`creator_user_id ${creator} is not a member of the organization.`);
  }
  const expiresAt = body.expires_at as string | null | undefined;
  if (typeof expiresAt === "string" && Number.isNaN(Date.parse(expiresAt))) {
    throw badRequest("expires_at must be an ISO 8601 date-time.");
  }
  const { record, secret } = store.addKey({
    name,
    workspace_id: workspaceId,
    limit: nullableNumber(body, "limit") ?? null,
    limit_reset: resetInterval(body, "limit_reset") ?? null,
    include_byok_in_limit: optionalBoolean(body, "include_byok_in_limit") ?? false,
    creator_user_id: creator ?? null,
    expires_at: expiresAt ?? null,
  });
  return created({ data: withRemaining(record), key: secret });
}

function updateKey({ store, params, body }: HandlerContext) {
  const key = keyOr404(store, params.hash);
  const name = optionalString(body, "name");
  if (name !== undefined) {
    if (name.length === 0) throw badRequest("name must not be empty.");
    key.name = name;
  }
  const limit = nullableNumber(body, "limit");
  if (limit !== undefined) key.limit = limit;
  const reset = resetInterval(body, "limit_reset");
  if (reset !== undefined) key.limit_reset = reset;
  key.include_byok_in_limit =
    optionalBoolean(body, "include_byok_in_limit") ?? key.include_byok_in_limit;
  key.disabled = optionalBoolean(body, "disabled") ?? key.disabled;
  key.updated_at = nowIso();
  return ok({ data: withRemaining(key) });
}

/** `GET /key`: the calling key itself. The management key answers as a management key. */
function currentKey({ store, caller }: HandlerContext) {
  const common = {
    is_free_tier: false,
    is_provisioning_key: caller.kind === "management",
    is_management_key: caller.kind === "management",
    rate_limit: { requests: -1, interval: "10s", note: "Not enforced by the emulator." },
  };
  if (caller.kind === "management") {
    return ok({
      data: {
        label: "management key",
        limit: null,
        limit_remaining: null,
        limit_reset: null,
        include_byok_in_limit: false,
        creator_user_id: null,
        expires_at: null,
        ...NO_USAGE,
        ...common,
      },
    });
  }
  const key = store.keys.get(caller.hash);
  if (!key) throw new EmulatorHttpError(401, "The key no longer exists.");
  return ok({
    data: {
      label: key.label,
      limit: key.limit,
      limit_remaining: key.limit_remaining,
      limit_reset: key.limit_reset,
      include_byok_in_limit: key.include_byok_in_limit,
      creator_user_id: key.creator_user_id,
      expires_at: key.expires_at,
      ...NO_USAGE,
      usage: key.usage,
      ...common,
    },
  });
}

export const keyRoutes: Route[] = [
  { method: "GET", path: "/keys", operationId: "list", handler: listKeys },
  { method: "POST", path: "/keys", operationId: "createKeys", handler: createKey, hasBody: true },
  {
    method: "GET",
    path: "/keys/{hash}",
    operationId: "getKey",
    handler: ({ store, params }) => ok({ data: withRemaining(keyOr404(store, params.hash)) }),
  },
  {
    method: "PATCH",
    path: "/keys/{hash}",
    operationId: "updateKeys",
    handler: updateKey,
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/keys/{hash}",
    operationId: "deleteKeys",
    handler: ({ store, params }) => {
      store.removeKey(keyOr404(store, params.hash).hash);
      return ok({ deleted: true });
    },
  },
  {
    method: "GET",
    path: "/key",
    operationId: "getCurrentKey",
    handler: currentKey,
    management: false,
  },
];
