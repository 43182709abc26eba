// Records of observability destinations and SCIM groups and mappings, kept as the API answers them.

export interface ObservabilityRecord {
  id: string;
  workspace_id: string;
  name: string | null;
  type: string;
  /** As it was set: secret values are masked only in answers (see `maskedConfig`). */
  config: Record<string, unknown>;
  enabled: boolean;
  privacy_mode: boolean;
  broadcast_generation_cost: boolean;
  broadcast_generation_identity: boolean;
  broadcast_generation_request_context: boolean;
  sampling_rate: number;
  api_key_hashes: string[] | null;
  filter_rules: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export interface ScimGroupRecord {
  id: string;
  organization_id: string;
  external_id: string | null;
  display_name: string;
  created_at: string;
  updated_at: string;
}

export interface ScimMappingRecord {
  id: string;
  organization_id: string;
  scim_group_id: string;
  workspace_id: string;
  role: "admin" | "member";
  created_at: string;
  updated_at: string;
}
