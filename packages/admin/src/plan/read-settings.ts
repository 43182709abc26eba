import type { AdminResources } from "../admin-resources";
import type { ByokKey, ObservabilityDestination, ScimGroup, ScimGroupMapping } from "../types";
import { runLimited } from "./run-limited";

/** BYOK credentials, observability destinations and SCIM mappings of the account. */
export interface SettingsSnapshot {
  byok: ByokKey[];
  destinations: ObservabilityDestination[];
  scimGroups: ScimGroup[];
  scimMappings: ScimGroupMapping[];
}

export interface SettingsReadOptions {
  /** Which kinds to read (the others stay empty). */
  byok: boolean;
  observability: boolean;
  scim: boolean;
  concurrency: number;
  /** Called after each page read. */
  onRequest?: () => void;
}

/**
 * Reads the kinds asked for: BYOK and destinations workspace by workspace (their lists cover
 * one workspace each), SCIM groups and mappings once. Pages are fetched as the lists need.
 */
export async function readSettings(
  admin: AdminResources,
  workspaces: ReadonlyArray<{ id: string }>,
  options: SettingsReadOptions,
): Promise<SettingsSnapshot> {
  const snapshot: SettingsSnapshot = {
    byok: [],
    destinations: [],
    scimGroups: [],
    scimMappings: [],
  };
  const collect = async <T>(list: { pages(): AsyncIterable<{ items: T[] }> }, into: T[]) => {
    for await (const page of list.pages()) {
      options.onRequest?.();
      for (const item of page.items) into.push(item);
    }
  };
  const tasks: Array<() => Promise<void>> = [];
  for (const workspace of workspaces) {
    if (options.byok)
      tasks.push(() => collect(admin.byok.list({ workspaceId: workspace.id }), snapshot.byok));
    if (options.observability)
      tasks.push(() =>
        collect(admin.observability.list({ workspaceId: workspace.id }), snapshot.destinations),
      );
  }
  if (options.scim) {
    tasks.push(() => collect(admin.scim.groups(), snapshot.scimGroups));
    tasks.push(() => collect(admin.scim.mappings.list(), snapshot.scimMappings));
  }
  // Errors are kept here (not taken from runLimited's answer) and the first is thrown.
  const errors: unknown[] = [];
  await runLimited(tasks, options.concurrency, async (task) => {
    try {
      await task();
    } catch (error) {
      errors.push(error);
    }
  });
  if (errors.length > 0) throw errors[0];
  return snapshot;
}
