import type { PlanContext } from "./plan-context";
import { planByok } from "./plan-byok";
import { planObservability } from "./plan-observability";
import { planScim } from "./plan-scim";
import type { SettingsSnapshot } from "./read-settings";

/** Steps for the BYOK, observability and SCIM sections the state has (each one optional). */
export function planSettings(
  plan: PlanContext,
  settings: SettingsSnapshot,
  secrets: ReadonlyMap<string, string>,
): void {
  const keyNames = new Map(plan.snapshot.keys.map((k) => [k.hash, k.name]));
  const context = { plan, settings, secrets, keyNames };
  planByok(context);
  planObservability(context);
  planScim(context);
}
