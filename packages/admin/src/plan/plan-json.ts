import type { Plan } from "./plan-types";

/** The version of `or-admin plan --json` output (`schema/plan.schema.json`). */
export const PLAN_JSON_VERSION = 1;

/**
 * A plan as `or-admin plan --json` prints it (versioned; see `schema/plan.schema.json`, also
 * exported as `@or/admin/plan.schema.json`): what changes, never how (no operations, no ids to
 * call) and never a secret. `changes` is true when the account differs from the state.
 * @example
 * const report = planToJson(await admin.plan(state));
 * if (report.changes) process.exitCode = 2;
 */
export function planToJson(plan: Plan) {
  return {
    version: PLAN_JSON_VERSION,
    changes: plan.steps.length > 0,
    summary: plan.summary,
    prune: plan.prune,
    steps: plan.steps.map(({ action, kind, address, changes }) => ({
      action,
      kind,
      address,
      changes,
    })),
    unmanaged: plan.unmanaged,
  };
}
