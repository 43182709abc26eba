import { WORKSPACE_FIELDS, type DesiredWorkspace } from "../state/desired-state";
import type { BudgetInterval, Workspace } from "../types";
import { changedFields, givenFields } from "./compare";
import type { PlanContext } from "./plan-context";
import { planMemberList } from "./plan-members";
import { PHASE } from "./plan-types";

const INTERVALS: BudgetInterval[] = ["daily", "weekly", "monthly", "lifetime"];

/** Steps for the workspaces the state lists: create or update, budgets, members. */
export function planWorkspaces(context: PlanContext): void {
  for (const desired of context.desired.workspaces ?? []) {
    const current = context.workspaceBySlug.get(desired.slug);
    const address = `workspace "${desired.slug}"`;
    const fields = desired as unknown as Record<string, unknown>;
    if (!current) {
      const { changes, body } = givenFields(
        { ...fields, name: desired.name ?? desired.slug },
        WORKSPACE_FIELDS,
      );
      context.steps.push({
        action: "create",
        kind: "workspace",
        address,
        changes,
        phase: PHASE.workspace,
        operation: {
          type: "createWorkspace",
          body: { ...body, name: desired.name ?? desired.slug, slug: desired.slug },
        },
      });
    } else {
      const { changes, body } = changedFields(
        fields,
        current as unknown as Record<string, unknown>,
        WORKSPACE_FIELDS,
      );
      if (changes.length > 0) {
        context.steps.push({
          action: "update",
          kind: "workspace",
          address,
          changes,
          phase: PHASE.workspace,
          operation: { type: "updateWorkspace", slug: desired.slug, id: current.id, body },
        });
      }
    }
    planBudgets(context, desired, current);
    planMembers(context, desired, current);
  }
}

function planBudgets(
  context: PlanContext,
  desired: DesiredWorkspace,
  current: Workspace | undefined,
): void {
  if (desired.budgets === undefined) return;
  const existing = current ? context.snapshot.budgets.get(current.id) : undefined;
  for (const interval of INTERVALS) {
    const wanted = desired.budgets[interval];
    const now = existing?.get(interval);
    const address = `budget ${desired.slug}/${interval}`;
    if (wanted !== undefined && wanted !== now) {
      context.steps.push({
        action: now === undefined ? "create" : "update",
        kind: "budget",
        address,
        changes: [{ field: "limit_usd", ...(now !== undefined && { from: now }), to: wanted }],
        phase: PHASE.workspaceContents,
        operation: { type: "setBudget", workspace: desired.slug, interval, limitUsd: wanted },
      });
    } else if (wanted === undefined && now !== undefined) {
      if (!context.prune) {
        context.unmanaged.push(address);
        continue;
      }
      context.steps.push({
        action: "delete",
        kind: "budget",
        address,
        changes: [{ field: "limit_usd", from: now }],
        phase: PHASE.deleteWorkspaceContents,
        operation: { type: "deleteBudget", workspace: desired.slug, interval },
      });
    }
  }
}

function planMembers(
  context: PlanContext,
  desired: DesiredWorkspace,
  current: Workspace | undefined,
): void {
  if (desired.members === undefined) return;
  planMemberList(context, {
    kind: "workspace-members",
    owner: `workspace "${desired.slug}"`,
    desired: desired.members,
    existing: current ? (context.snapshot.workspaceMembers.get(current.id) ?? []) : [],
    add: {
      phase: PHASE.workspaceContents,
      operation: (userIds) => ({ type: "addWorkspaceMembers", workspace: desired.slug, userIds }),
    },
    remove: {
      phase: PHASE.deleteWorkspaceContents,
      operation: (userIds) => ({
        type: "removeWorkspaceMembers",
        workspace: desired.slug,
        userIds,
      }),
    },
  });
}
