import type { BudgetInterval } from "../types";
import type { SettingsOperation } from "./settings-operations";

export type StepAction = "create" | "update" | "delete";

/** What a step acts on; `*-members` and `key-guardrail` steps change assignments. */
export type StepKind =
  | "workspace"
  | "budget"
  | "workspace-members"
  | "guardrail"
  | "guardrail-members"
  | "key"
  | "key-guardrail"
  | "byok"
  | "observability"
  | "scim-group-mapping";

/** One field's change: `from` is absent for a create, `to` for a delete. */
export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
  /** A secret from the environment: set on create, or changed (neither value is ever held). */
  secret?: "set" | "changed";
}

/**
 * The call a step makes. Names and slugs (not ids) refer to what the plan creates; `apply`
 * resolves them as it goes. Plain JSON, so a plan can be printed or saved.
 */
export type StepOperation =
  | { type: "createWorkspace"; body: Record<string, unknown> & { name: string; slug: string } }
  | { type: "updateWorkspace"; slug: string; id: string; body: Record<string, unknown> }
  | { type: "deleteWorkspace"; slug: string; id: string }
  | { type: "setBudget"; workspace: string; interval: BudgetInterval; limitUsd: number }
  | { type: "deleteBudget"; workspace: string; interval: BudgetInterval }
  | { type: "addWorkspaceMembers"; workspace: string; userIds: string[] }
  | { type: "removeWorkspaceMembers"; workspace: string; userIds: string[] }
  | {
      type: "createGuardrail";
      workspace?: string;
      body: Record<string, unknown> & { name: string };
    }
  | { type: "updateGuardrail"; name: string; id: string; body: Record<string, unknown> }
  | { type: "deleteGuardrail"; name: string; id: string }
  | { type: "assignGuardrailMembers"; guardrail: string; userIds: string[] }
  | { type: "unassignGuardrailMembers"; guardrail: string; userIds: string[] }
  | {
      type: "createKey";
      workspace?: string;
      body: Record<string, unknown> & { name: string };
      disable: boolean;
    }
  | { type: "updateKey"; name: string; hash: string; body: Record<string, unknown> }
  | { type: "deleteKey"; name: string; hash: string }
  | { type: "assignKeys"; guardrail: string; keys: string[] }
  | {
      type: "unassignKeys";
      guardrailId: string;
      guardrail: string;
      keys: Array<{ name: string; hash: string }>;
    }
  | SettingsOperation;

export interface PlanStep {
  action: StepAction;
  kind: StepKind;
  /** What it acts on, for people: `key "ci-bot"`, `budget research/monthly`. */
  address: string;
  changes: FieldChange[];
  /** Steps run phase by phase (what others depend on first, deletes last); a phase's steps in parallel. */
  phase: number;
  operation: StepOperation;
}

/** Ids of what exists, by the names the state uses. */
export interface PlanRefs {
  workspaces: Record<string, string>;
  guardrails: Record<string, string>;
  keys: Record<string, string>;
}

/** What `plan` found to do. Never holds a secret. */
export interface Plan {
  steps: PlanStep[];
  summary: Record<StepAction, number>;
  prune: boolean;
  /** Things the account has and the file does not list: deleted only with `prune`. */
  unmanaged: string[];
  /**
   * Disabled keys that share their name with one enabled key (what a rotation leaves): the
   * enabled one is managed, these are left alone and never pruned.
   */
  retiredKeys: Array<{ name: string; hash: string }>;
  refs: PlanRefs;
}

/** Phases, in the order `apply` runs them. */
export const PHASE = {
  workspace: 0,
  workspaceContents: 1,
  guardrail: 2,
  guardrailMembers: 3,
  key: 4,
  keyGuardrail: 5,
  /** BYOK, observability and SCIM creates and updates: after the keys and workspaces they name. */
  settings: 5.5,
  unassign: 6,
  deleteSettings: 6.5,
  deleteKey: 7,
  deleteGuardrail: 8,
  deleteWorkspaceContents: 9,
  deleteWorkspace: 10,
} as const;

/** A desired state that cannot be reached from the account as it is (found while planning). */
export class PlanError extends Error {
  override name = "PlanError";
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Cannot plan: ${problems[0]}`
        : `Cannot plan, ${problems.length} problems:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
}
