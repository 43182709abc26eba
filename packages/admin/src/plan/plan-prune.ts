import type { PlanContext } from "./plan-context";
import { PHASE, type PlanStep } from "./plan-types";

/**
 * What the account has and the state does not list: delete steps with prune, else a note in
 * `unmanaged`. Keys go before guardrails, and both before workspaces, which keep no keys. A
 * section the state leaves out altogether (no `keys:`) is not managed: nothing of it is listed.
 */
export function planPrune(context: PlanContext): void {
  const { desired, snapshot } = context;
  const keyNames = new Set((desired.keys ?? []).map((k) => k.name));
  const guardrailNames = new Set((desired.guardrails ?? []).map((g) => g.name));
  const slugs = new Set((desired.workspaces ?? []).map((w) => w.slug));

  for (const key of desired.keys ? snapshot.keys : []) {
    if (keyNames.has(key.name)) continue;
    deleteOrNote(context, `key "${key.name}"`, {
      kind: "key",
      changes: [{ field: "hash", from: key.hash }],
      phase: PHASE.deleteKey,
      operation: { type: "deleteKey", name: key.name, hash: key.hash },
    });
  }
  for (const guardrail of desired.guardrails ? snapshot.guardrails : []) {
    if (guardrailNames.has(guardrail.name)) continue;
    deleteOrNote(context, `guardrail "${guardrail.name}"`, {
      kind: "guardrail",
      changes: [{ field: "id", from: guardrail.id }],
      phase: PHASE.deleteGuardrail,
      operation: { type: "deleteGuardrail", name: guardrail.name, id: guardrail.id },
    });
  }
  for (const workspace of desired.workspaces ? snapshot.workspaces : []) {
    if (slugs.has(workspace.slug)) continue;
    deleteOrNote(context, `workspace "${workspace.slug}"`, {
      kind: "workspace",
      changes: [{ field: "id", from: workspace.id }],
      phase: PHASE.deleteWorkspace,
      operation: { type: "deleteWorkspace", slug: workspace.slug, id: workspace.id },
    });
  }
}

/** With prune, a delete step for `address`; without, a note that the account has it unmanaged. */
export function deleteOrNote(
  context: PlanContext,
  address: string,
  step: Omit<PlanStep, "action" | "address">,
): void {
  if (!context.prune) context.unmanaged.push(address);
  else context.steps.push({ action: "delete", address, ...step });
}
