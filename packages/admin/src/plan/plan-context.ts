import type { DesiredState } from "../state/desired-state";
import type { ApiKey, Guardrail, Workspace } from "../types";
import type { PlanStep } from "./plan-types";
import { keysByName } from "./retired-keys";
import type { AccountSnapshot } from "./read-account";

/** What the planners share: the two sides, indexes of the account, and what they found. */
export interface PlanContext {
  desired: DesiredState;
  snapshot: AccountSnapshot;
  prune: boolean;
  steps: PlanStep[];
  problems: string[];
  unmanaged: string[];
  workspaceBySlug: Map<string, Workspace>;
  workspaceById: Map<string, Workspace>;
  guardrailsByName: Map<string, Guardrail[]>;
  /** Keys by name, retired predecessors left out (see `keysByName`). */
  keysByName: Map<string, ApiKey[]>;
  /** Disabled keys that share a name with one enabled key: left alone. */
  retiredKeys: ApiKey[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function planContext(
  desired: DesiredState,
  snapshot: AccountSnapshot,
  prune: boolean,
): PlanContext {
  const keys = keysByName(snapshot.keys);
  return {
    desired,
    snapshot,
    prune,
    steps: [],
    problems: [],
    unmanaged: [],
    workspaceBySlug: new Map(snapshot.workspaces.map((w) => [w.slug, w])),
    workspaceById: new Map(snapshot.workspaces.map((w) => [w.id, w])),
    guardrailsByName: groupBy(snapshot.guardrails, (g) => g.name),
    keysByName: keys.byName,
    retiredKeys: keys.retired,
  };
}

/** The one account resource of a name; a problem when several share it (names identify them). */
export function single<T extends { name: string }>(
  context: PlanContext,
  kind: "guardrail" | "key",
  found: T[] | undefined,
  id: (item: T) => string,
): T | undefined {
  if (!found || found.length <= 1) return found?.[0];
  context.problems.push(
    `${found.length} ${kind}s in the account are named "${found[0]?.name}" (${found.map(id).join(", ")}); ` +
      `names identify ${kind}s, so rename or delete all but one.`,
  );
  return undefined;
}

/** The slug of a workspace id, for messages. */
export const slugOf = (context: PlanContext, id: string | null | undefined) =>
  (id && context.workspaceById.get(id)?.slug) ?? id ?? "(none)";

/**
 * Problems with where an existing resource is: resources cannot move between workspaces, and
 * with prune, one in a workspace the file leaves out would be deleted with it.
 */
export function checkPlacement(
  context: PlanContext,
  what: string,
  currentWorkspaceId: string | null,
  desiredSlug: string | undefined,
): void {
  const currentSlug = slugOf(context, currentWorkspaceId);
  if (desiredSlug !== undefined && desiredSlug !== currentSlug) {
    context.problems.push(
      `${what} is in workspace "${currentSlug}", not "${desiredSlug}"; it cannot move between workspaces ` +
        `(delete it, or give the new one another name).`,
    );
    return;
  }
  const { workspaces } = context.desired;
  if (
    context.prune &&
    workspaces !== undefined &&
    !workspaces.some((w) => w.slug === currentSlug)
  ) {
    context.problems.push(
      `${what} is in workspace "${currentSlug}", which the file does not list, so --prune would delete it; ` +
        `add the workspace under workspaces:.`,
    );
  }
}
