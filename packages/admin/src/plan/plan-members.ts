import type { PlanContext } from "./plan-context";
import type { FieldChange, PlanStep, StepOperation } from "./plan-types";

/** A member list the state gives for a workspace or a guardrail, and what the account has. */
export interface MemberList {
  kind: "workspace-members" | "guardrail-members";
  /** Whose members, for people: `workspace "research"`. */
  owner: string;
  desired: readonly string[];
  existing: Iterable<string>;
  /** The step that adds users, and the one that removes them (with prune), with their phases. */
  add: { phase: number; operation: (userIds: string[]) => StepOperation };
  remove: { phase: number; operation: (userIds: string[]) => StepOperation };
}

/**
 * Steps that make a member list what the state says: one update adding the missing users and,
 * with prune, one delete removing the others (without prune they are reported as unmanaged).
 */
export function planMemberList(context: PlanContext, list: MemberList): void {
  const existing = new Set(list.existing);
  const wanted = new Set(list.desired);
  const added = list.desired.filter((id) => !existing.has(id));
  const extra = [...existing].filter((id) => !wanted.has(id));
  const address = `members of ${list.owner}`;
  const push = (
    action: PlanStep["action"],
    changes: FieldChange[],
    phase: number,
    operation: StepOperation,
  ) => context.steps.push({ action, kind: list.kind, address, changes, phase, operation });
  if (added.length > 0) {
    const changes = added.map((id) => ({ field: "member", to: id }));
    push("update", changes, list.add.phase, list.add.operation(added));
  }
  if (extra.length === 0) return;
  if (!context.prune) {
    for (const id of extra) context.unmanaged.push(`member ${id} of ${list.owner}`);
    return;
  }
  const changes = extra.map((id) => ({ field: "member", from: id }));
  push("delete", changes, list.remove.phase, list.remove.operation(extra));
}
