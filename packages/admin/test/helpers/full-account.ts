// An account that uses every kind and field the state manages, with the secrets it names.
import type { DesiredState } from "../../src/index";

/** Secret values the account's state names (as `${OPENAI_KEY}` and `${LANGFUSE_SECRET}`). */
export const SECRETS = {
  OPENAI_KEY: "sk-proj-openai-secret-0001-abcdefgh",
  LANGFUSE_SECRET: "sk-lf-langfuse-secret-0002-ijklmnop",
};

/** SCIM groups the identity provider has pushed to the emulator. */
export const SCIM_GROUPS = [{ display_name: "Engineering" }, { display_name: "Finance" }];

export const FULL_ACCOUNT: DesiredState = {
  version: 1,
  workspaces: [
    { slug: "default", name: "Default" },
    {
      slug: "research",
      name: "Research",
      default_text_model: "openai/gpt-4o-mini",
      default_provider_sort: "price",
      is_observability_io_logging_enabled: true,
      is_observability_broadcast_enabled: true,
      is_data_discount_logging_enabled: true,
      io_logging_sampling_rate: 0.25,
      io_logging_api_key_ids: [3, 7],
      budgets: { monthly: 500, daily: 40 },
      members: ["user_emu_dev1"],
    },
  ],
  guardrails: [
    {
      name: "pii",
      workspace: "research",
      description: "No personal data leaves",
      limit_usd: 25,
      reset_interval: "daily",
      include_byok_in_budgets: true,
      allowed_models: ["openai/gpt-4o-mini"],
      ignored_providers: ["deepinfra"],
      enforce_zdr: true,
      enforce_zdr_openai: true,
      enable_paid_model_training: false,
      content_filters: [{ pattern: "ACME-\\d+", action: "redact", label: "ticket" }],
      content_filter_builtins: [
        { slug: "email", action: "redact" },
        { slug: "ssn", action: "block", scan_scope: "all_messages" },
      ],
      members: ["user_emu_dev2"],
    },
  ],
  keys: [
    {
      name: "temp",
      workspace: "research",
      limit: 5,
      limit_reset: "weekly",
      include_byok_in_limit: true,
      expires_at: "2099-01-31T00:00:00.000Z",
      guardrail: "pii",
    },
    { name: "retired", workspace: "default", disabled: true },
  ],
  byok: [
    {
      name: "openai-prod",
      provider: "openai",
      workspace: "research",
      key: "${OPENAI_KEY}",
      is_fallback: true,
      allowed_models: ["openai/gpt-4o"],
      allowed_user_ids: ["user_emu_dev1"],
      allowed_api_keys: ["temp"],
    },
  ],
  observability: [
    {
      name: "langfuse",
      type: "langfuse",
      workspace: "research",
      config: { publicKey: "pk-lf-public", secretKey: "${LANGFUSE_SECRET}" },
      sampling_rate: 0.5,
      privacy_mode: true,
      broadcast_generation_cost: true,
      filter_rules: {
        groups: [
          { logic: "or", rules: [{ field: "model", operator: "equals", value: "openai/gpt-4o" }] },
        ],
      },
      api_keys: ["temp"],
    },
  ],
  scim_group_mappings: [{ group: "Engineering", workspace: "research", role: "member" }],
};
