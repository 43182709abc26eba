import { hashOf, maskedLabel, newId, newSecret, nowIso } from "./ids";
import type {
  ActivityItem,
  BudgetInterval,
  ByokRecord,
  Credits,
  GuardrailRecord,
  KeyAssignmentRecord,
  KeyRecord,
  MemberAssignmentRecord,
  OrganizationMember,
  WorkspaceBudgetRecord,
  WorkspaceMemberRecord,
  WorkspaceRecord,
} from "./records";
import type { ObservabilityRecord, ScimGroupRecord, ScimMappingRecord } from "./settings-records";

/** What the emulator starts with besides the default workspace. */
export interface AdminSeed {
  /** The organization's members (user ids are what guardrails and workspaces take). */
  members?: OrganizationMember[];
  credits?: Credits;
  activity?: ActivityItem[];
  /** Organization id shown on member assignments. */
  organizationId?: string;
  /** SCIM groups, as an identity provider would have pushed them (the API cannot create them). */
  scimGroups?: Array<{ display_name: string; external_id?: string | null }>;
}

export const DEFAULT_MEMBERS: OrganizationMember[] = [
  {
    id: "user_emu_owner",
    first_name: "Olive",
    last_name: "Owner",
    email: "owner@example.test",
    role: "org:admin",
  },
  {
    id: "user_emu_dev1",
    first_name: "Dana",
    last_name: "Dev",
    email: "dana@example.test",
    role: "org:member",
  },
  {
    id: "user_emu_dev2",
    first_name: null,
    last_name: null,
    email: "sam@example.test",
    role: "org:member",
  },
];

/** The usage counters of a key that has not been used (the emulator runs no inference). */
export const NO_USAGE = {
  usage: 0,
  usage_daily: 0,
  usage_weekly: 0,
  usage_monthly: 0,
  byok_usage: 0,
  byok_usage_daily: 0,
  byok_usage_weekly: 0,
  byok_usage_monthly: 0,
} as const;

/** The user the management key acts as: creator of workspaces, assigner of guardrails. */
export const OWNER_USER_ID = "user_emu_owner";

/**
 * The emulator's whole account, in memory. Maps keep insertion order, which is the order lists
 * answer in. Tests read it (and may seed it) directly; requests change it through the handlers.
 */
export class AdminStore {
  readonly keys = new Map<string, KeyRecord>();
  /** hash → secret of every key that exists. */
  readonly secrets = new Map<string, string>();
  /** Secrets of deleted keys: they must stop working, not turn into anything else. */
  readonly revokedSecrets = new Set<string>();
  readonly guardrails = new Map<string, GuardrailRecord>();
  /** key hash → its assignment (a key holds at most one guardrail). */
  readonly keyAssignments = new Map<string, KeyAssignmentRecord>();
  /** `${guardrailId} ${userId}` → assignment. */
  readonly memberAssignments = new Map<string, MemberAssignmentRecord>();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly budgets = new Map<string, Map<BudgetInterval, WorkspaceBudgetRecord>>();
  readonly workspaceMembers = new Map<string, Map<string, WorkspaceMemberRecord>>();
  readonly byok = new Map<string, ByokRecord>();
  readonly observability = new Map<string, ObservabilityRecord>();
  readonly scimGroups = new Map<string, ScimGroupRecord>();
  readonly scimMappings = new Map<string, ScimMappingRecord>();
  members: OrganizationMember[];
  credits: Credits;
  activity: ActivityItem[];
  readonly organizationId: string;
  readonly defaultWorkspaceId: string;

  constructor(seed: AdminSeed = {}) {
    this.members = structuredClone(seed.members ?? DEFAULT_MEMBERS);
    this.credits = { ...(seed.credits ?? { total_credits: 100, total_usage: 12.5 }) };
    this.activity = structuredClone(seed.activity ?? []);
    this.organizationId = seed.organizationId ?? "org_emulator";
    this.defaultWorkspaceId = this.addWorkspace({ name: "Default", slug: "default" }).id;
    for (const group of seed.scimGroups ?? [])
      this.addScimGroup(group.display_name, group.external_id);
  }

  /** Adds a workspace with every field at its default. */
  addWorkspace(fields: { name: string; slug: string } & Partial<WorkspaceRecord>): WorkspaceRecord {
    const record: WorkspaceRecord = {
      id: newId(),
      default_guardrail_id: newId(),
      description: null,
      default_text_model: null,
      default_image_model: null,
      default_provider_sort: null,
      is_observability_io_logging_enabled: false,
      is_observability_broadcast_enabled: false,
      is_data_discount_logging_enabled: false,
      io_logging_sampling_rate: 1,
      io_logging_api_key_ids: null,
      include_byok_in_budgets: false,
      created_at: nowIso(),
      updated_at: null,
      created_by: OWNER_USER_ID,
      ...fields,
    };
    this.workspaces.set(record.id, record);
    this.budgets.set(record.id, new Map());
    this.workspaceMembers.set(record.id, new Map());
    return record;
  }

  /** A workspace by id or slug, as the `{id}` path parameter allows. */
  workspace(idOrSlug: string): WorkspaceRecord | undefined {
    return (
      this.workspaces.get(idOrSlug) ??
      [...this.workspaces.values()].find((w) => w.slug === idOrSlug)
    );
  }

  /** Adds an inference key and returns it with its secret (for seeding as well as `POST /keys`). */
  addKey(fields: { name: string } & Partial<KeyRecord>): { record: KeyRecord; secret: string } {
    const secret = newSecret();
    const limit = fields.limit ?? null;
    const record: KeyRecord = {
      hash: hashOf(secret),
      label: maskedLabel(secret),
      disabled: false,
      limit,
      limit_remaining: limit,
      limit_reset: null,
      include_byok_in_limit: false,
      ...NO_USAGE,
      created_at: nowIso(),
      updated_at: null,
      creator_user_id: null,
      workspace_id: this.defaultWorkspaceId,
      expires_at: null,
      ...fields,
    };
    this.keys.set(record.hash, record);
    this.secrets.set(record.hash, secret);
    return { record, secret };
  }

  /** Removes a key, its guardrail assignment, and makes its secret stop working. */
  removeKey(hash: string): void {
    const secret = this.secrets.get(hash);
    if (secret) this.revokedSecrets.add(secret);
    this.secrets.delete(hash);
    this.keys.delete(hash);
    this.keyAssignments.delete(hash);
  }

  /** The key a secret belongs to, if it exists. */
  keyBySecret(secret: string): KeyRecord | undefined {
    return this.keys.get(hashOf(secret));
  }

  /** Whether requests with this secret would be served: the key exists, is enabled and unexpired. */
  isUsable(secret: string): boolean {
    const key = this.keyBySecret(secret);
    if (!key || key.disabled) return false;
    return key.expires_at === null || Date.parse(key.expires_at) > Date.now();
  }

  /** Removes a guardrail and every assignment to it. */
  removeGuardrail(id: string): void {
    this.guardrails.delete(id);
    for (const [hash, assignment] of this.keyAssignments) {
      if (assignment.guardrail_id === id) this.keyAssignments.delete(hash);
    }
    for (const [key, assignment] of this.memberAssignments) {
      if (assignment.guardrail_id === id) this.memberAssignments.delete(key);
    }
  }

  /** Removes a workspace with its budgets, members and guardrails (keys must be gone first). */
  removeWorkspace(id: string): void {
    for (const guardrail of [...this.guardrails.values()]) {
      if (guardrail.workspace_id === id) this.removeGuardrail(guardrail.id);
    }
    for (const [key, d] of this.observability)
      if (d.workspace_id === id) this.observability.delete(key);
    for (const [key, m] of this.scimMappings)
      if (m.workspace_id === id) this.scimMappings.delete(key);
    this.workspaces.delete(id);
    this.budgets.delete(id);
    this.workspaceMembers.delete(id);
  }

  /** Adds a SCIM group (as the identity provider would). */
  addScimGroup(displayName: string, externalId: string | null = null): ScimGroupRecord {
    const now = nowIso();
    const record: ScimGroupRecord = {
      id: newId(),
      organization_id: this.organizationId,
      external_id: externalId,
      display_name: displayName,
      created_at: now,
      updated_at: now,
    };
    this.scimGroups.set(record.id, record);
    return record;
  }

  isMember(userId: string): boolean {
    return this.members.some((m) => m.id === userId);
  }

  /** How many of each resource exist, for tests and the CLI's summary. */
  counts(): Record<
    "keys" | "guardrails" | "workspaces" | "byok" | "keyAssignments" | "memberAssignments",
    number
  > {
    return {
      keys: this.keys.size,
      guardrails: this.guardrails.size,
      workspaces: this.workspaces.size,
      byok: this.byok.size,
      keyAssignments: this.keyAssignments.size,
      memberAssignments: this.memberAssignments.size,
    };
  }
}
