import { checkState } from "../state/check-state";
import type { DesiredState } from "../state/desired-state";
import { StateError } from "../state/state-error";

type Section = Exclude<keyof DesiredState, "$schema" | "version">;

/**
 * Checks an exported state as `plan` would and leaves out each entry the format cannot hold
 * (a name too long, a slug it refuses, …), with a warning naming the entry and the rule. Empty
 * sections are left out too (a section left out is not managed).
 */
export function dropInvalid(state: DesiredState, warnings: string[]): DesiredState {
  let current = state;
  // Each round drops at least one entry, so this ends.
  for (;;) {
    let issues;
    try {
      checkState(current);
      break;
    } catch (error) {
      if (!(error instanceof StateError)) throw error;
      issues = error.issues;
    }
    const drop = new Map<Section, Set<number>>();
    for (const issue of issues) {
      const match = /^([a-z_]+)\[(\d+)\]/.exec(issue.path);
      if (!match)
        throw new Error(`export made a state it cannot read: ${issue.path}: ${issue.message}`);
      const section = match[1] as Section;
      const index = Number(match[2]);
      const entry = (current[section] as Array<Record<string, unknown>> | undefined)?.[index];
      const label = entry?.name ?? entry?.slug ?? entry?.group ?? index;
      warnings.push(
        `${section} "${String(label)}" cannot be written: ${issue.path}: ${issue.message}; left out.`,
      );
      drop.set(section, (drop.get(section) ?? new Set()).add(index));
    }
    current = { ...current };
    for (const [section, indexes] of drop) {
      const list = current[section] as unknown[];
      (current as Record<string, unknown>)[section] = list.filter((_, i) => !indexes.has(i));
    }
  }
  return Object.fromEntries(
    Object.entries(current).filter(([, value]) => !(Array.isArray(value) && value.length === 0)),
  ) as DesiredState;
}
