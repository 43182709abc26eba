/**
 * Values a new resource has when the field is not given: export leaves a field out when it
 * holds this value, so the file shows only what was set. `undefined` means "left out" too.
 */
export const WORKSPACE_DEFAULTS: Record<string, unknown> = {
  description: null,
  default_text_model: null,
  default_image_model: null,
  default_provider_sort: null,
  is_observability_io_logging_enabled: false,
  is_observability_broadcast_enabled: false,
  is_data_discount_logging_enabled: false,
  io_logging_sampling_rate: 1,
  io_logging_api_key_ids: null,
};

export const GUARDRAIL_DEFAULTS: Record<string, unknown> = {
  description: null,
  limit_usd: null,
  reset_interval: null,
  include_byok_in_budgets: false,
  allowed_models: null,
  ignored_models: null,
  allowed_providers: null,
  ignored_providers: null,
  enable_free_model_publication: null,
  enable_free_model_training: null,
  enable_paid_model_training: null,
  enforce_zdr_anthropic: null,
  enforce_zdr_google: null,
  enforce_zdr_openai: null,
  enforce_zdr_other: null,
  enforce_zdr_xai: null,
  enforce_zdr: null,
  content_filters: null,
  content_filter_builtins: null,
};

export const KEY_DEFAULTS: Record<string, unknown> = {
  limit: null,
  limit_reset: null,
  include_byok_in_limit: false,
  disabled: false,
  expires_at: null,
};

export const BYOK_DEFAULTS: Record<string, unknown> = {
  disabled: false,
  is_fallback: false,
  allowed_models: null,
  allowed_user_ids: null,
};

export const OBSERVABILITY_DEFAULTS: Record<string, unknown> = {
  enabled: true,
  privacy_mode: false,
  sampling_rate: 1,
  broadcast_generation_cost: false,
  broadcast_generation_identity: false,
  broadcast_generation_request_context: false,
  filter_rules: null,
};

/**
 * The fields of `record` (in the order of `defaults`) whose value is set and not the default.
 * An empty list counts as unset for nullable lists (the API answers either).
 */
export function setFields(
  record: Record<string, unknown>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, fallback] of Object.entries(defaults)) {
    const value = record[field];
    if (value === undefined || value === fallback) continue;
    if (value === null && fallback === null) continue;
    if (Array.isArray(value) && value.length === 0 && fallback === null) continue;
    out[field] = value;
  }
  return out;
}
