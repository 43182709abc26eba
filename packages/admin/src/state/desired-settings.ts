import type { ByokProvider, ObservabilityType } from "../types";

/**
 * One of your own provider keys (BYOK), identified by `name`. `key` names the environment
 * variable that holds the provider's secret (`${OPENAI_KEY}`): it is read when planning and
 * applying, never written to a file or shown. `provider` and `workspace` are set when the
 * credential is created.
 */
export interface DesiredByok {
  name: string;
  provider: ByokProvider;
  workspace?: string;
  /** `${ENV_NAME}`: needed to create; for an existing credential, a different secret updates it. */
  key?: string;
  disabled?: boolean;
  is_fallback?: boolean;
  allowed_models?: string[] | null;
  allowed_user_ids?: string[] | null;
  /** Names of keys in the file or account that may use the credential; null for all. */
  allowed_api_keys?: string[] | null;
}

/** An observability filter rule group, as the API takes it. */
export interface FilterRuleGroup {
  logic?: "and" | "or";
  rules: Array<{ field: string; operator: string; value?: string | number }>;
}

/**
 * A destination for traces (`/observability/destinations`), identified by `name`. `type` and
 * `workspace` are set when it is created. Secret `config` values are `${ENV_NAME}` references.
 */
export interface DesiredObservability {
  name: string;
  type: ObservabilityType;
  workspace?: string;
  /** The type's settings; secret fields (apiKey, secretKey, password, token, …) as `${ENV_NAME}`. */
  config?: Record<string, unknown>;
  enabled?: boolean;
  privacy_mode?: boolean;
  sampling_rate?: number;
  broadcast_generation_cost?: boolean;
  broadcast_generation_identity?: boolean;
  broadcast_generation_request_context?: boolean;
  filter_rules?: { enabled?: boolean; groups: FilterRuleGroup[] } | null;
  /** Names of keys whose traffic is sent; null for all keys. */
  api_keys?: string[] | null;
}

/** A SCIM group's role in a workspace; a group and workspace pair identifies it. */
export interface DesiredScimMapping {
  /** The group's display name, as the identity provider pushed it. */
  group: string;
  /** Slug of a workspace in the file. */
  workspace: string;
  role: "admin" | "member";
}

/** BYOK settings compared field by field. */
export const BYOK_FIELDS = [
  "disabled",
  "is_fallback",
  "allowed_models",
  "allowed_user_ids",
] as const;

/** Observability destination settings compared field by field (config and keys apart). */
export const OBSERVABILITY_FIELDS = [
  "enabled",
  "privacy_mode",
  "sampling_rate",
  "broadcast_generation_cost",
  "broadcast_generation_identity",
  "broadcast_generation_request_context",
  "filter_rules",
] as const;

/**
 * Config fields that hold credentials: the state must give them as `${ENV_NAME}`, the API
 * answers them masked, and export leaves them out.
 */
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
