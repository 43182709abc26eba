// The emulator's records: the API's response shapes, kept as they are sent.

export type ResetInterval = "daily" | "weekly" | "monthly" | null;
export type BudgetInterval = "daily" | "weekly" | "monthly" | "lifetime";
export const BUDGET_INTERVALS: readonly BudgetInterval[] = [
  "daily",
  "weekly",
  "monthly",
  "lifetime",
];

export interface KeyRecord {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  limit_remaining: number | null;
  limit_reset: string | null;
  include_byok_in_limit: boolean;
  usage: number;
  usage_daily: number;
  usage_weekly: number;
  usage_monthly: number;
  byok_usage: number;
  byok_usage_daily: number;
  byok_usage_weekly: number;
  byok_usage_monthly: number;
  created_at: string;
  updated_at: string | null;
  creator_user_id: string | null;
  workspace_id: string;
  expires_at: string | null;
}

/** Guardrail fields a create or update body may set, besides `name`. */
export const GUARDRAIL_SETTABLE = [
  "description",
  "limit_usd",
  "reset_interval",
  "allowed_models",
  "ignored_models",
  "allowed_providers",
  "ignored_providers",
  "content_filters",
  "content_filter_builtins",
  "enable_free_model_publication",
  "enable_free_model_training",
  "enable_paid_model_training",
  "enforce_zdr",
  "enforce_zdr_anthropic",
  "enforce_zdr_google",
  "enforce_zdr_openai",
  "enforce_zdr_other",
  "enforce_zdr_xai",
  "include_byok_in_budgets",
] as const;

export interface GuardrailRecord
  extends Partial<Record<(typeof GUARDRAIL_SETTABLE)[number], unknown>> {
  id: string;
  name: string;
  include_byok_in_budgets: boolean;
  created_at: string;
  updated_at: string | null;
  workspace_id: string | null;
}

export interface KeyAssignmentRecord {
  id: string;
  key_hash: string;
  guardrail_id: string;
  assigned_by: string | null;
  created_at: string;
}

export interface MemberAssignmentRecord {
  id: string;
  user_id: string;
  organization_id: string;
  guardrail_id: string;
  assigned_by: string | null;
  created_at: string;
}

/** Workspace fields a create or update body may set, besides `name` and `slug`. */
export const WORKSPACE_SETTABLE = [
  "description",
  "default_text_model",
  "default_image_model",
  "default_provider_sort",
  "io_logging_api_key_ids",
  "io_logging_sampling_rate",
  "is_data_discount_logging_enabled",
  "is_observability_broadcast_enabled",
  "is_observability_io_logging_enabled",
] as const;

export interface WorkspaceRecord extends Record<(typeof WORKSPACE_SETTABLE)[number], unknown> {
  id: string;
  default_guardrail_id: string;
  name: string;
  slug: string;
  include_byok_in_budgets: boolean;
  created_at: string;
  updated_at: string | null;
  created_by: string | null;
}

export interface WorkspaceBudgetRecord {
  id: string;
  workspace_id: string;
  limit_usd: number;
  reset_interval: ResetInterval;
  created_at: string;
  updated_at: string;
}

export interface WorkspaceMemberRecord {
  id: string;
  workspace_id: string;
  user_id: string;
  role: "admin" | "member";
  created_at: string;
}

export interface ByokRecord {
  id: string;
  provider: string;
  workspace_id: string | null;
  label: string;
  name: string | null;
  disabled: boolean;
  is_fallback: boolean;
  allowed_models: string[] | null;
  allowed_api_key_hashes: string[] | null;
  allowed_user_ids: string[] | null;
  sort_order: number;
  created_at: string;
}

export interface OrganizationMember {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  role: "org:admin" | "org:member";
}

export interface ActivityItem {
  date: string;
  model: string;
  model_permaslug: string;
  endpoint_id: string;
  provider_name: string;
  usage: number;
  byok_usage_inference: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  workspace_id?: string;
}

export interface Credits {
  total_credits: number;
  total_usage: number;
}
