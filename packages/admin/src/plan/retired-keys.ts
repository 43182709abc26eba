import type { ApiKey } from "../types";

/**
 * The keys a plan manages, by name. A rotation leaves the old key disabled under the same name:
 * when a name is held by exactly one enabled key and any number of disabled ones, the enabled key
 * is the one the state means and the disabled ones are retired predecessors, which plan leaves
 * alone (they are listed, never changed or pruned; `or-admin keys delete <hash>` removes them).
 * Any other repetition (two enabled keys, or only disabled ones) stays ambiguous.
 */
export function keysByName(keys: readonly ApiKey[]): {
  byName: Map<string, ApiKey[]>;
  retired: ApiKey[];
} {
  const groups = new Map<string, ApiKey[]>();
  for (const key of keys) {
    const group = groups.get(key.name);
    if (group) group.push(key);
    else groups.set(key.name, [key]);
  }
  const retired: ApiKey[] = [];
  for (const [name, group] of groups) {
    if (group.length < 2) continue;
    const enabled = group.filter((k) => !k.disabled);
    if (enabled.length !== 1) continue;
    for (const key of group) if (key.disabled) retired.push(key);
    groups.set(name, enabled);
  }
  return { byName: groups, retired };
}
