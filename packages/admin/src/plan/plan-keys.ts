import { KEY_FIELDS, type DesiredKey } from "../state/desired-state";
import type { ApiKey } from "../types";
import { changedFields, givenFields } from "./compare";
import { checkExpiry } from "./key-expiry";
import { checkPlacement, single, type PlanContext } from "./plan-context";
import { PHASE } from "./plan-types";

const CREATE_FIELDS = ["limit", "limit_reset", "include_byok_in_limit", "expires_at"] as const;

/** Steps for the keys the state lists: create or update, then guardrail assignments per guardrail. */
export function planKeys(context: PlanContext): void {
  const assign = new Map<string, string[]>();
  const unassign = new Map<string, Array<{ name: string; hash: string }>>();
  for (const desired of context.desired.keys ?? []) {
    const matches = context.keysByName.get(desired.name);
    const current = single(context, "key", matches, (k) => k.hash.slice(0, 12));
    if (matches && matches.length > 1) continue;
    if (current) updateKey(context, desired, current);
    else createKey(context, desired);
    collectAssignment(context, desired, current, assign, unassign);
  }
  for (const [guardrail, keys] of assign) {
    context.steps.push({
      action: "update",
      kind: "key-guardrail",
      address: `keys of guardrail "${guardrail}"`,
      changes: keys.map((name) => ({ field: "key", to: name })),
      phase: PHASE.keyGuardrail,
      operation: { type: "assignKeys", guardrail, keys },
    });
  }
  for (const [guardrailId, keys] of unassign) {
    const guardrail =
      context.snapshot.guardrails.find((g) => g.id === guardrailId)?.name ?? guardrailId;
    context.steps.push({
      action: "update",
      kind: "key-guardrail",
      address: `keys of guardrail "${guardrail}"`,
      changes: keys.map((k) => ({ field: "key", from: k.name })),
      phase: PHASE.keyGuardrail,
      operation: { type: "unassignKeys", guardrailId, guardrail, keys },
    });
  }
}

function createKey(context: PlanContext, desired: DesiredKey): void {
  if (!checkExpiry(context, desired, undefined)) return;
  const fields = desired as unknown as Record<string, unknown>;
  const { changes, body } = givenFields(fields, CREATE_FIELDS);
  if (desired.workspace !== undefined)
    changes.unshift({ field: "workspace", to: desired.workspace });
  if (desired.disabled !== undefined) changes.push({ field: "disabled", to: desired.disabled });
  context.steps.push({
    action: "create",
    kind: "key",
    address: `key "${desired.name}"`,
    changes,
    phase: PHASE.key,
    operation: {
      type: "createKey",
      ...(desired.workspace !== undefined && { workspace: desired.workspace }),
      body: { ...body, name: desired.name },
      disable: desired.disabled === true,
    },
  });
}

function updateKey(context: PlanContext, desired: DesiredKey, current: ApiKey): void {
  const address = `key "${desired.name}"`;
  checkPlacement(context, address, current.workspace_id, desired.workspace);
  checkExpiry(context, desired, current);
  const fields = desired as unknown as Record<string, unknown>;
  const { changes, body } = changedFields(
    fields,
    current as unknown as Record<string, unknown>,
    KEY_FIELDS,
  );
  if (changes.length === 0) return;
  context.steps.push({
    action: "update",
    kind: "key",
    address,
    changes,
    phase: PHASE.key,
    operation: { type: "updateKey", name: desired.name, hash: current.hash, body },
  });
}

/** A key's guardrail: assign when it should hold another; unassign when the state says `null`. */
function collectAssignment(
  context: PlanContext,
  desired: DesiredKey,
  current: ApiKey | undefined,
  assign: Map<string, string[]>,
  unassign: Map<string, Array<{ name: string; hash: string }>>,
): void {
  if (desired.guardrail === undefined) return;
  const held = current ? context.snapshot.keyGuardrail.get(current.hash) : undefined;
  if (desired.guardrail === null) {
    if (current && held)
      unassign.set(held, [
        ...(unassign.get(held) ?? []),
        { name: desired.name, hash: current.hash },
      ]);
    return;
  }
  const target = context.guardrailsByName.get(desired.guardrail);
  if (held !== undefined && target?.length === 1 && target[0]?.id === held) return;
  assign.set(desired.guardrail, [...(assign.get(desired.guardrail) ?? []), desired.name]);
}
