import { GUARDRAIL_FIELDS, type DesiredGuardrail } from "../state/desired-state";
import type { Guardrail } from "../types";
import { changedFields, givenFields } from "./compare";
import { checkPlacement, single, type PlanContext } from "./plan-context";
import { planMemberList } from "./plan-members";
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
        withoutBuiltinLabels(current),
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
  planMemberList(context, {
    kind: "guardrail-members",
    owner: `guardrail "${desired.name}"`,
    desired: desired.members,
    existing: current ? (context.snapshot.guardrailMembers.get(current.id) ?? []) : [],
    add: {
      phase: PHASE.guardrailMembers,
      operation: (userIds) => ({
        type: "assignGuardrailMembers",
        guardrail: desired.name,
        userIds,
      }),
    },
    remove: {
      phase: PHASE.unassign,
      operation: (userIds) => ({
        type: "unassignGuardrailMembers",
        guardrail: desired.name,
        userIds,
      }),
    },
  });
}

/** The API fills in each built-in filter's `label` itself (read-only): it is not compared. */
export function withoutBuiltinLabels(current: Guardrail): Record<string, unknown> {
  const record = current as unknown as Record<string, unknown>;
  const builtins = record.content_filter_builtins;
  if (!Array.isArray(builtins)) return record;
  return {
    ...record,
    content_filter_builtins: builtins.map((entry: Record<string, unknown>) => {
      const { label: _label, ...rest } = entry;
      return rest;
    }),
  };
}
