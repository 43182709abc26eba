import { optionalBoolean, optionalString, requireString } from "../body-fields";
import { badRequest, notFound } from "../http-error";
import { newId, nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import { created, ok, type Body, type HandlerContext, type Route } from "../route-types";
import type { ObservabilityRecord } from "../settings-records";
import type { AdminStore } from "../store";
import { workspaceFilter } from "./workspace-filter";

/** Config fields each destination type requires (from the spec's per-type schemas). */
const REQUIRED_CONFIG = new Map<string, readonly string[]>([
  ["arize", ["apiKey", "spaceKey", "modelId"]],
  ["braintrust", ["apiKey", "projectId"]],
  ["clickhouse", ["host", "database", "username", "password"]],
  ["datadog", ["apiKey", "mlApp"]],
  ["grafana", ["apiKey", "instanceId"]],
  ["langfuse", ["secretKey", "publicKey"]],
  ["langsmith", ["apiKey"]],
  ["newrelic", ["licenseKey"]],
  ["opik", ["apiKey", "workspace", "projectName"]],
  ["otel-collector", ["endpoint"]],
  ["posthog", ["apiKey"]],
  ["ramp", ["apiKey"]],
  ["s3", ["bucketName", "accessKeyId", "secretAccessKey"]],
  ["sentry", ["otlpEndpoint", "dsn"]],
  ["snowflake", ["account", "token"]],
  ["weave", ["apiKey", "entity", "project"]],
  ["webhook", ["url"]],
]);

/** Config fields that hold credentials: answered masked, like the API. */
export const SECRET_CONFIG_FIELDS: ReadonlySet<string> = new Set([
  "apiKey",
  "spaceKey",
  "password",
  "secretKey",
  "licenseKey",
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "token",
  "dsn",
]);

/** The first and last four characters of a long secret; short ones show nothing. */
export const maskSecret = (value: string): string =>
  value.length >= 12 ? `${value.slice(0, 4)}...${value.slice(-4)}` : "****";

function answer(record: ObservabilityRecord): ObservabilityRecord {
  const config = Object.fromEntries(
    Object.entries(record.config).map(([field, value]) => [
      field,
      SECRET_CONFIG_FIELDS.has(field) && typeof value === "string" ? maskSecret(value) : value,
    ]),
  );
  return { ...structuredClone(record), config };
}

function destinationOr404(store: AdminStore, id: string | undefined): ObservabilityRecord {
  const record = id === undefined ? undefined : store.observability.get(id);
  if (!record) throw notFound(`No observability destination with id ${id}.`);
  return record;
}

function configOf(body: Body): Record<string, unknown> | undefined {
  const config = body.config;
  if (config === undefined) return undefined;
  if (config === null || typeof config !== "object" || Array.isArray(config))
    throw badRequest("config must be an object.");
  return config as Record<string, unknown>;
}

function checkConfig(type: string, config: Record<string, unknown>): void {
  const missing = (REQUIRED_CONFIG.get(type) ?? []).filter(
    (field) => typeof config[field] !== "string" || (config[field] as string).length === 0,
  );
  if (missing.length > 0)
    throw badRequest(`config of a ${type} destination needs ${missing.join(", ")}.`);
}

/** Settings both create and update take, checked as the API does. */
function applySettings(store: AdminStore, record: ObservabilityRecord, body: Body): void {
  for (const field of [
    "enabled",
    "privacy_mode",
    "broadcast_generation_cost",
    "broadcast_generation_identity",
    "broadcast_generation_request_context",
  ] as const) {
    const value = optionalBoolean(body, field);
    if (value !== undefined) record[field] = value;
  }
  const rate = body.sampling_rate;
  if (rate !== undefined) {
    if (typeof rate !== "number" || !(rate >= 0.0001 && rate <= 1))
      throw badRequest("sampling_rate must be between 0.0001 and 1.");
    record.sampling_rate = rate;
  }
  const hashes = body.api_key_hashes;
  if (hashes !== undefined) {
    if (hashes !== null) {
      if (!Array.isArray(hashes) || hashes.length === 0)
        throw badRequest("api_key_hashes must hold at least one hash, or be null.");
      const unknown = hashes.filter((h) => typeof h !== "string" || !store.keys.has(h));
      if (unknown.length > 0)
        throw badRequest("api_key_hashes holds hashes of keys that are not in this account.");
    }
    record.api_key_hashes = hashes === null ? null : [...(hashes as string[])];
  }
  if (body.filter_rules !== undefined)
    record.filter_rules = structuredClone(body.filter_rules) as ObservabilityRecord["filter_rules"];
}

function createDestination({ store, body }: HandlerContext) {
  const type = requireString(body, "type");
  if (!REQUIRED_CONFIG.has(type)) throw badRequest(`Unknown destination type ${type}.`);
  const name = requireString(body, "name");
  const config = configOf(body);
  if (config === undefined) throw badRequest("config is required.");
  checkConfig(type, config);
  const workspaceId = optionalString(body, "workspace_id") ?? store.defaultWorkspaceId;
  if (!store.workspaces.has(workspaceId)) throw badRequest(`No workspace with id ${workspaceId}.`);
  const now = nowIso();
  const record: ObservabilityRecord = {
    id: newId(),
    workspace_id: workspaceId,
    name,
    type,
    config: structuredClone(config),
    enabled: true,
    privacy_mode: false,
    broadcast_generation_cost: false,
    broadcast_generation_identity: false,
    broadcast_generation_request_context: false,
    sampling_rate: 1,
    api_key_hashes: null,
    filter_rules: null,
    created_at: now,
    updated_at: now,
  };
  applySettings(store, record, body);
  store.observability.set(record.id, record);
  return created({ data: answer(record) });
}

function updateDestination({ store, params, body }: HandlerContext) {
  const record = destinationOr404(store, params.id);
  const config = configOf(body);
  const name = optionalString(body, "name");
  const next = structuredClone(record);
  if (name !== undefined) next.name = name;
  if (config !== undefined) {
    // Masked values (as answered) are ignored; fields left out keep their value.
    for (const [field, value] of Object.entries(config)) {
      const current = next.config[field];
      if (
        typeof current === "string" &&
        SECRET_CONFIG_FIELDS.has(field) &&
        value === maskSecret(current)
      )
        continue;
      next.config[field] = structuredClone(value);
    }
    checkConfig(next.type, next.config);
  }
  applySettings(store, next, body);
  next.updated_at = nowIso();
  store.observability.set(record.id, next);
  return ok({ data: answer(next) });
}

export const observabilityRoutes: Route[] = [
  {
    method: "GET",
    path: "/observability/destinations",
    operationId: "listObservabilityDestinations",
    handler: ({ store, query }) => {
      const workspaceId = workspaceFilter(store, query);
      const list = [...store.observability.values()]
        .filter((d) => d.workspace_id === workspaceId)
        .map(answer);
      return ok(offsetLimitPage(list, query));
    },
  },
  {
    method: "POST",
    path: "/observability/destinations",
    operationId: "createObservabilityDestination",
    handler: createDestination,
    hasBody: true,
  },
  {
    method: "GET",
    path: "/observability/destinations/{id}",
    operationId: "getObservabilityDestination",
    handler: ({ store, params }) => ok({ data: answer(destinationOr404(store, params.id)) }),
  },
  {
    method: "PATCH",
    path: "/observability/destinations/{id}",
    operationId: "updateObservabilityDestination",
    handler: updateDestination,
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/observability/destinations/{id}",
    operationId: "deleteObservabilityDestination",
    handler: ({ store, params }) => {
      store.observability.delete(destinationOr404(store, params.id).id);
      return ok({ deleted: true });
    },
  },
];
