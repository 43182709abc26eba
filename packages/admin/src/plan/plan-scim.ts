import type { DesiredScimMapping } from "../state/desired-settings";
import { deleteOrNote } from "./plan-prune";
import { PHASE } from "./plan-types";
import type { SettingsContext } from "./settings-context";

const address = (group: string, workspace: string) => `scim mapping "${group}" → "${workspace}"`;

/**
 * Steps for SCIM group mappings: a group (by display name) and a workspace (by slug) identify
 * one; its role is updated in place. Groups come from the identity provider: a name no group
 * has, or several groups share, stops the plan. Prune deletes a mapping but keeps the members
 * it granted in the workspace (`keep_members: true`).
 */
export function planScim(context: SettingsContext): void {
  const listed = context.plan.desired.scim_group_mappings;
  if (listed === undefined) return;
  const { scimGroups, scimMappings } = context.settings;
  const groupsByName = new Map<string, string[]>();
  for (const group of scimGroups)
    groupsByName.set(group.display_name, [
      ...(groupsByName.get(group.display_name) ?? []),
      group.id,
    ]);
  const groupName = new Map(scimGroups.map((g) => [g.id, g.display_name]));
  const kept = new Set<string>();
  for (const desired of listed) {
    const groupId = groupOf(context, desired, groupsByName);
    if (groupId === undefined) continue;
    const workspaceId = context.plan.workspaceBySlug.get(desired.workspace)?.id;
    const current = scimMappings.find(
      (m) => m.scim_group_id === groupId && m.workspace_id === workspaceId,
    );
    const where = address(desired.group, desired.workspace);
    if (current) {
      kept.add(current.id);
      if (current.role === desired.role) continue;
      context.plan.steps.push({
        action: "update",
        kind: "scim-group-mapping",
        address: where,
        changes: [{ field: "role", from: current.role, to: desired.role }],
        phase: PHASE.settings,
        operation: { type: "updateScimMapping", id: current.id, role: desired.role },
      });
      continue;
    }
    context.plan.steps.push({
      action: "create",
      kind: "scim-group-mapping",
      address: where,
      changes: [{ field: "role", to: desired.role }],
      phase: PHASE.settings,
      operation: {
        type: "createScimMapping",
        group: desired.group,
        groupId,
        workspace: desired.workspace,
        role: desired.role,
      },
    });
  }
  for (const mapping of scimMappings) {
    if (kept.has(mapping.id)) continue;
    const group = groupName.get(mapping.scim_group_id) ?? mapping.scim_group_id;
    const workspace =
      context.plan.workspaceById.get(mapping.workspace_id)?.slug ?? mapping.workspace_id;
    deleteOrNote(context.plan, address(group, workspace), {
      kind: "scim-group-mapping",
      changes: [{ field: "role", from: mapping.role }],
      phase: PHASE.deleteSettings,
      operation: { type: "deleteScimMapping", id: mapping.id },
    });
  }
}

function groupOf(
  context: SettingsContext,
  desired: DesiredScimMapping,
  groupsByName: Map<string, string[]>,
): string | undefined {
  const ids = groupsByName.get(desired.group) ?? [];
  if (ids.length === 1) return ids[0];
  context.plan.problems.push(
    ids.length === 0
      ? `scim_group_mappings: no SCIM group is named "${desired.group}"; groups come from your identity provider.`
      : `${ids.length} SCIM groups are named "${desired.group}" (${ids.join(", ")}); rename all but one in your identity provider.`,
  );
  return undefined;
}
