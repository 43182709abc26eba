import { GUARDRAIL_FIELDS, type DesiredGuardrail } from "../state/desired-state";
import type { Guardrail } from "../types";
import { changedFields, givenFields } from "./compare";
import { checkPlacement, single, type PlanContext } from "./plan-context";
import { PHASE } from "./plan-types";

/** Steps for the guardrails the state lists: create or update, and member assignments. */
export function planGuardrails(context: PlanContext): void {
  for (const desired of context.desired.guardrails ?? []) {
    const address = `guardrail "${desired.name}"`;
    const matches = context.guardrailsByName.get(desired.name);
    const current = single(context, "guardrail", matches, (g) => g.id);
    if (matches && matches.length > 1) continue;
    const fields = desired as unknown as Record<string, unknown>;
    if (!current) {
      const { changes, body } = givenFields(fields, GUARDRAIL_FIELDS);
      if (desired.workspace !== undefined)
        changes.unshift({ field: "workspace", to: desired.workspace });
      context.steps.push({
        action: "create",
        kind: "guardrail",
        address,
        changes,
        phase: PHASE.guardrail,
        operation: {
          type: "createGuardrail",
          ...(desired.workspace !== undefined && { workspace: desired.workspace }),
          body: { ...body, name: desired.name },
        },
      });
    } else {
      checkPlacement(context, address, current.workspace_id, desired.workspace);
      const { changes, body } = changedFields(
        fields,
        current as unknown as Record<string, unknown>,
        GUARDRAIL_FIELDS,
      );
      if (changes.length > 0) {
        context.steps.push({
          action: "update",
          kind: "guardrail",
          address,
          changes,
          phase: PHASE.guardrail,
          operation: { type: "updateGuardrail", name: desired.name, id: current.id, body },
        });
      }
    }
    planGuardrailMembers(context, desired, current);
  }
}

function planGuardrailMembers(
  context: PlanContext,
  desired: DesiredGuardrail,
  current: Guardrail | undefined,
): void {
  if (desired.members === undefined) return;
  const existing = new Set(
    current ? (context.snapshot.guardrailMembers.get(current.id) ?? []) : [],
  );
  const wanted = new Set(desired.members);
  const added = desired.members.filter((id) => !existing.has(id));
  const extra = [...existing].filter((id) => !wanted.has(id));
  const address = `members of guardrail "${desired.name}"`;
  if (added.length > 0) {
    context.steps.push({
      action: "update",
      kind: "guardrail-members",
      address,
      changes: added.map((id) => ({ field: "member", to: id })),
      phase: PHASE.guardrailMembers,
      operation: { type: "assignGuardrailMembers", guardrail: desired.name, userIds: added },
    });
  }
  if (extra.length === 0) return;
  if (!context.prune) {
    context.unmanaged.push(...extra.map((id) => `member ${id} of guardrail "${desired.name}"`));
    return;
  }
  context.steps.push({
    action: "delete",
    kind: "guardrail-members",
    address,
    changes: extra.map((id) => ({ field: "member", from: id })),
    phase: PHASE.unassign,
    operation: { type: "unassignGuardrailMembers", guardrail: desired.name, userIds: extra },
  });
}
