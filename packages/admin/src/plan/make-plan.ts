import type { AdminResources } from "../admin-resources";
import { checkState } from "../state/check-state";
import { positiveCount } from "../whole-number";
import type { DesiredState } from "../state/desired-state";
import { planContext } from "./plan-context";
import { planGuardrails } from "./plan-guardrails";
import { readSettings } from "./read-settings";
import { planSettings } from "./plan-settings";
import { readSecrets } from "../state/env-secrets";
import { planKeys } from "./plan-keys";
import { planPrune } from "./plan-prune";
import { planWorkspaces } from "./plan-workspaces";
import { PlanError, type Plan, type PlanRefs, type PlanStep } from "./plan-types";
import { readAccount, type AccountSnapshot } from "./read-account";
import type { ApiKey } from "../types";

export interface PlanOptions {
  /** Delete what the state does not list. Default false. */
  prune?: boolean;
  /** Requests in flight at once while reading the account. Default 8. */
  concurrency?: number;
  /** Called after each page or record read from the account, with the count so far. */
  onProgress?: (requests: number) => void;
}

/**
 * Compares a desired state with the account and lists the steps that make them agree, in the
 * order `apply` runs them. Reads only; never changes anything. The state is checked first
 * (`StateError`, before any request); a state the account cannot reach throws `PlanError`.
 * @example
 * const plan = await admin.plan(parseState(text), { prune: true });
 * console.log(renderPlan(plan));
 */
export async function makePlan(
  admin: AdminResources,
  state: DesiredState,
  options: PlanOptions = {},
): Promise<Plan> {
  const concurrency = positiveCount("concurrency", options.concurrency, 8);
  const desired = checkState(state);
  // Secrets the state names must all be set before anything is sent.
  const secrets = readSecrets(desired);
  let requests = 0;
  const snapshot = await readAccount(admin, desired, {
    concurrency,
    onRequest: () => options.onProgress?.(++requests),
  });
  const settings = await readSettings(admin, snapshot.workspaces, {
    byok: desired.byok !== undefined,
    observability: desired.observability !== undefined,
    scim: desired.scim_group_mappings !== undefined,
    concurrency: options.concurrency ?? 8,
    onRequest: () => options.onProgress?.(++requests),
  });
  const context = planContext(desired, snapshot, options.prune ?? false);
  planWorkspaces(context);
  planGuardrails(context);
  planKeys(context);
  planSettings(context, settings, secrets);
  planPrune(context);
  if (context.problems.length > 0) throw new PlanError(context.problems);
  const steps = context.steps.sort(byPhaseThenAddress);
  return {
    steps,
    summary: {
      create: steps.filter((s) => s.action === "create").length,
      update: steps.filter((s) => s.action === "update").length,
      delete: steps.filter((s) => s.action === "delete").length,
    },
    prune: options.prune ?? false,
    unmanaged: context.unmanaged.sort(),
    retiredKeys: context.retiredKeys.map((k) => ({ name: k.name, hash: k.hash })),
    refs: refsOf(snapshot, context.keysByName),
  };
}

function byPhaseThenAddress(a: PlanStep, b: PlanStep): number {
  return a.phase - b.phase || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
}

/** Ids of what exists by name; names held by several resources are left out (never used). */
function refsOf(snapshot: AccountSnapshot, keys: Map<string, ApiKey[]>): PlanRefs {
  const unique = <T>(items: T[], name: (item: T) => string, id: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(name(item), (counts.get(name(item)) ?? 0) + 1);
    return Object.fromEntries(
      items.filter((item) => counts.get(name(item)) === 1).map((item) => [name(item), id(item)]),
    );
  };
  return {
    workspaces: unique(
      snapshot.workspaces,
      (w) => w.slug,
      (w) => w.id,
    ),
    guardrails: unique(
      snapshot.guardrails,
      (g) => g.name,
      (g) => g.id,
    ),
    keys: Object.fromEntries(
      [...keys].flatMap(([name, group]) => (group.length === 1 ? [[name, group[0]!.hash]] : [])),
    ),
  };
}
