import { sameValue } from "./compare";
import type { PlanContext } from "./plan-context";
import { deleteOrNote } from "./plan-prune";
import type { FieldChange, PlanStep } from "./plan-types";
import type { SettingsSnapshot } from "./read-settings";

/** What the BYOK, observability and SCIM planners share besides the plan context. */
export interface SettingsContext {
  plan: PlanContext;
  settings: SettingsSnapshot;
  /** Values of the `${ENV_NAME}` references the state makes, by variable. */
  secrets: ReadonlyMap<string, string>;
  /** key hash → name, for lists of keys the API gives by hash. */
  keyNames: ReadonlyMap<string, string>;
}

/** The unique item of a name among `items`; a problem when several share it. */
export function byName<T extends { name?: string | null; id: string }>(
  context: SettingsContext,
  what: string,
  items: readonly T[],
  name: string,
): { found?: T; ambiguous: boolean } {
  const matches = items.filter((item) => item.name === name);
  if (matches.length <= 1) return { found: matches[0], ambiguous: false };
  context.plan.problems.push(
    `${matches.length} ${what}s in the account are named "${name}" (${matches.map((m) => m.id).join(", ")}); ` +
      `names identify ${what}s, so rename or delete all but one.`,
  );
  return { ambiguous: true };
}

/**
 * A list of key names the state gives for a list of hashes: problems for names no key has (in
 * the file or account), and the change when the sets differ (undefined when they agree).
 */
export function keyListChange(
  context: SettingsContext,
  owner: string,
  field: string,
  desired: string[] | null | undefined,
  currentHashes: readonly string[] | null | undefined,
): FieldChange | undefined {
  if (desired === undefined) return undefined;
  const inFile = new Set((context.plan.desired.keys ?? []).map((k) => k.name));
  for (const name of desired ?? []) {
    if (!inFile.has(name) && !context.plan.keysByName.has(name))
      context.plan.problems.push(
        `${owner}: ${field} names key "${name}", which neither the file nor the account has.`,
      );
  }
  const current =
    currentHashes === null || currentHashes === undefined
      ? null
      : currentHashes.map((hash) => context.keyNames.get(hash) ?? `(key ${hash.slice(0, 12)}…)`);
  if (sameValue(desired, current)) return undefined;
  return { field, from: current, to: desired };
}

/** A kind identified by name (BYOK credentials, destinations): how to plan each side. */
export interface NamedKind<
  D extends { name: string },
  C extends { id: string; name?: string | null },
> {
  what: string;
  /** The state's section; undefined when the state leaves it out (not managed). */
  listed: readonly D[] | undefined;
  existing: readonly C[];
  address: (name: string) => string;
  create: (desired: D) => void;
  update: (desired: D, current: C) => void;
  /** How to refer to one without a name, in messages. */
  unnamed: (current: C) => string;
  /** The step deleting one the state does not list (with prune). */
  deleteStep: (current: C) => Omit<PlanStep, "action" | "address">;
}

/**
 * Creates or updates what the state lists, by name, then deletes (with prune) or notes what it
 * does not. A name the account holds twice is a problem and is skipped.
 */
export function planNamed<
  D extends { name: string },
  C extends { id: string; name?: string | null },
>(context: SettingsContext, kind: NamedKind<D, C>): void {
  if (kind.listed === undefined) return;
  for (const desired of kind.listed) {
    const { found, ambiguous } = byName(context, kind.what, kind.existing, desired.name);
    if (ambiguous) continue;
    if (found) kind.update(desired, found);
    else kind.create(desired);
  }
  const names = new Set(kind.listed.map((d) => d.name));
  for (const current of kind.existing) {
    if (typeof current.name === "string" && names.has(current.name)) continue;
    deleteOrNote(
      context.plan,
      kind.address(current.name ?? kind.unnamed(current)),
      kind.deleteStep(current),
    );
  }
}
