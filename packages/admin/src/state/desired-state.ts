import type { BudgetInterval } from "../types";
import type { DesiredByok, DesiredObservability, DesiredScimMapping } from "./desired-settings";

export type ResetInterval = "daily" | "weekly" | "monthly" | null;

export type FilterAction = "redact" | "block" | "flag";

/** A guardrail's own content filter: a pattern and what to do on a match. */
export interface ContentFilter {
  pattern: string;
  action: FilterAction;
  label?: string | null;
}

/** One of the API's built-in content detectors. */
export interface ContentFilterBuiltin {
  slug:
    | "email"
    | "phone"
    | "ssn"
    | "credit-card"
    | "ip-address"
    | "person-name"
    | "address"
    | "regex-prompt-injection";
  action: FilterAction;
  scan_scope?: "user_only" | "all_messages";
}

/**
 * An account as it should be (`schema/state.schema.json`). A field left out is left as it is;
 * `null` clears it. Guardrails and keys are identified by `name`, workspaces by `slug`.
 */
export interface DesiredState {
  $schema?: string;
  version?: 1;
  workspaces?: DesiredWorkspace[];
  guardrails?: DesiredGuardrail[];
  keys?: DesiredKey[];
  /** Your own provider keys; secrets come from the environment. */
  byok?: DesiredByok[];
  /** Trace destinations; secret config values come from the environment. */
  observability?: DesiredObservability[];
  /** SCIM groups' roles in workspaces. */
  scim_group_mappings?: DesiredScimMapping[];
}

export interface DesiredWorkspace {
  slug: string;
  /** Default: the slug. */
  name?: string;
  description?: string | null;
  default_text_model?: string | null;
  default_image_model?: string | null;
  /** How requests of the workspace pick providers by default (e.g. `price`); null for the API's default. */
  default_provider_sort?: string | null;
  is_observability_io_logging_enabled?: boolean;
  is_observability_broadcast_enabled?: boolean;
  is_data_discount_logging_enabled?: boolean;
  /** Share of requests whose input and output are logged, 0 to 1. */
  io_logging_sampling_rate?: number;
  /** The API's numeric key ids whose I/O is logged; null for all. Compared as a set. */
  io_logging_api_key_ids?: number[] | null;
  /** USD per interval. */
  budgets?: Partial<Record<BudgetInterval, number>>;
  /** The workspace's members (organization user ids). */
  members?: string[];
}

/** Guardrail settings the state manages, named as in the API. */
export const GUARDRAIL_FIELDS = [
  "description",
  "limit_usd",
  "reset_interval",
  "include_byok_in_budgets",
  "allowed_models",
  "ignored_models",
  "allowed_providers",
  "ignored_providers",
  "enable_free_model_publication",
  "enable_free_model_training",
  "enable_paid_model_training",
  "enforce_zdr_anthropic",
  "enforce_zdr_google",
  "enforce_zdr_openai",
  "enforce_zdr_other",
  "enforce_zdr_xai",
  "enforce_zdr",
  "content_filters",
  "content_filter_builtins",
] as const;

export type GuardrailField = (typeof GUARDRAIL_FIELDS)[number];

export interface DesiredGuardrail {
  name: string;
  /** Slug of a workspace in the file. Default: the account's default workspace. */
  workspace?: string;
  description?: string | null;
  limit_usd?: number | null;
  reset_interval?: ResetInterval;
  include_byok_in_budgets?: boolean;
  allowed_models?: string[] | null;
  ignored_models?: string[] | null;
  allowed_providers?: string[] | null;
  ignored_providers?: string[] | null;
  enable_free_model_publication?: boolean | null;
  enable_free_model_training?: boolean | null;
  enable_paid_model_training?: boolean | null;
  enforce_zdr_anthropic?: boolean | null;
  enforce_zdr_google?: boolean | null;
  enforce_zdr_openai?: boolean | null;
  enforce_zdr_other?: boolean | null;
  enforce_zdr_xai?: boolean | null;
  /** Deprecated by the API in favour of the per-provider `enforce_zdr_*` fields. */
  enforce_zdr?: boolean | null;
  /** Patterns to redact, block or flag; compared as a set. */
  content_filters?: ContentFilter[] | null;
  /** Built-in detectors (email, phone, …); compared as a set, the API's read-only labels ignored. */
  content_filter_builtins?: ContentFilterBuiltin[] | null;
  /** Organization members the guardrail applies to. */
  members?: string[];
}

/** Key settings the state manages, named as in the API. */
export const KEY_FIELDS = ["limit", "limit_reset", "include_byok_in_limit", "disabled"] as const;

export type KeyField = (typeof KEY_FIELDS)[number];

export interface DesiredKey {
  name: string;
  /** Slug of a workspace in the file, where a new key is created. Keys cannot move. */
  workspace?: string;
  limit?: number | null;
  limit_reset?: ResetInterval;
  include_byok_in_limit?: boolean;
  disabled?: boolean;
  /**
   * When the key stops working (ISO 8601). Set when the key is created: the API cannot change it
   * later, so a different value for an existing key stops the plan. Expired keys are planned as
   * any other key (they still exist under their name).
   */
  expires_at?: string | null;
  /** Name of a guardrail in the file; `null` for none. */
  guardrail?: string | null;
}

/** Workspace settings compared field by field (budgets and members are compared apart). */
export const WORKSPACE_FIELDS = [
  "name",
  "description",
  "default_text_model",
  "default_image_model",
  "default_provider_sort",
  "is_observability_io_logging_enabled",
  "is_observability_broadcast_enabled",
  "is_data_discount_logging_enabled",
  "io_logging_sampling_rate",
  "io_logging_api_key_ids",
] as const;
