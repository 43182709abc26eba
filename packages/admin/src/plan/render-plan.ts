import type { FieldChange, Plan, PlanStep, StepAction } from "./plan-types";

const SIGN: Record<StepAction, string> = { create: "+", update: "~", delete: "-" };

const show = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map(show).join(", ")}]` : JSON.stringify(value ?? null);

function changeLine(change: FieldChange): string {
  if (change.secret)
    return `${change.field}: (secret${change.secret === "changed" ? " changed" : ""})`;
  if (change.field === "key" || change.field === "member") {
    return change.to !== undefined ? `+ ${show(change.to)}` : `- ${show(change.from)}`;
  }
  if (!("from" in change)) return `${change.field}: ${show(change.to)}`;
  if (!("to" in change)) return `${change.field}: ${show(change.from)}`;
  return `${change.field}: ${show(change.from)} → ${show(change.to)}`;
}

/** One step as people read it: a sign, the address, then one line per field. */
export function renderStep(step: PlanStep): string {
  return [
    `  ${SIGN[step.action]} ${step.address}`,
    ...step.changes.map((c) => `      ${changeLine(c)}`),
  ].join("\n");
}

export function summaryLine(plan: Plan): string {
  const { create, update, delete: remove } = plan.summary;
  return `Plan: ${create} to create, ${update} to update, ${remove} to delete.`;
}

/**
 * A plan as text, in the order it runs: `+` create, `~` update, `-` delete. Holds no secrets
 * (plans never have any).
 * @example
 * console.log(renderPlan(await admin.plan(state)));
 */
export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  if (plan.steps.length === 0) lines.push("No changes: the account matches the state.");
  else {
    // One push per step: spreading a huge plan into push() overflows the stack.
    lines.push(summaryLine(plan), "");
    for (const step of plan.steps) lines.push(renderStep(step));
  }
  if (plan.unmanaged.length > 0) {
    lines.push(
      "",
      `Not in the state, left as they are (${plan.unmanaged.length}; --prune deletes them):`,
      ...plan.unmanaged.slice(0, 20).map((u) => `    ${u}`),
      ...(plan.unmanaged.length > 20 ? [`    … and ${plan.unmanaged.length - 20} more`] : []),
    );
  }
  if (plan.retiredKeys.length > 0) {
    lines.push(
      "",
      `Retired keys (disabled, sharing a name with the enabled key plan manages; left as they are, ` +
        `or-admin keys delete <hash> removes one): ${plan.retiredKeys.length}`,
    );
    for (const key of plan.retiredKeys.slice(0, 20))
      lines.push(`    key "${key.name}" ${key.hash}`);
    if (plan.retiredKeys.length > 20) lines.push(`    … and ${plan.retiredKeys.length - 20} more`);
  }
  return lines.join("\n");
}
