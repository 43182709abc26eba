import {
  OBSERVABILITY_FIELDS,
  SECRET_CONFIG_FIELDS,
  type DesiredObservability,
} from "../state/desired-settings";
import type { ObservabilityDestination } from "../types";
import { changedFields, givenFields, sameValue } from "./compare";
import { agrees, holdsReference } from "./config-compare";
import { checkPlacement } from "./plan-context";
import { PHASE, type FieldChange } from "./plan-types";
import { keyListChange, planNamed, type SettingsContext } from "./settings-context";

const address = (name: string) => `observability "${name}"`;

/**
 * Steps for the observability destinations the state lists, by name. Config fields the state
 * gives are compared one by one; those it leaves out are left as they are. A `${ENV_NAME}` value
 * is compared with what the API shows (masked values by their ends) and shown only as
 * "(secret changed)". Type and workspace are fixed once created.
 */
export function planObservability(context: SettingsContext): void {
  planNamed(context, {
    what: "observability destination",
    listed: context.plan.desired.observability,
    existing: context.settings.destinations,
    address,
    create: (desired) => createDestination(context, desired),
    update: (desired, current) => updateDestination(context, desired, current),
    unnamed: (d) => `(unnamed ${d.type} ${d.id})`,
    deleteStep: (d) => ({
      kind: "observability",
      changes: [{ field: "type", from: d.type }],
      phase: PHASE.deleteSettings,
      operation: { type: "deleteDestination", name: d.name ?? d.id, id: d.id },
    }),
  });
}

/** One line per config field; a secret's value is never in a change. */
function configChanges(
  desired: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  secrets: ReadonlyMap<string, string>,
): { changes: FieldChange[]; body: Record<string, unknown> } {
  const changes: FieldChange[] = [];
  const body: Record<string, unknown> = {};
  for (const [field, wanted] of Object.entries(desired)) {
    const name = `config.${field}`;
    // A secret's value (or a value holding one, like headers) is never shown, either side.
    if (SECRET_CONFIG_FIELDS.has(field) || holdsReference(wanted)) {
      if (current !== undefined && agrees(wanted, current[field], secrets)) continue;
      changes.push({ field: name, secret: current === undefined ? "set" : "changed" });
    } else {
      if (current !== undefined && sameValue(wanted, current[field])) continue;
      changes.push(
        current === undefined
          ? { field: name, to: wanted }
          : { field: name, from: current[field] ?? null, to: wanted },
      );
    }
    body[field] = wanted;
  }
  return { changes, body };
}

function createDestination(context: SettingsContext, desired: DesiredObservability): void {
  const where = address(desired.name);
  if (desired.config === undefined) {
    context.plan.problems.push(
      `${where} does not exist yet and has no config: give its config to create it.`,
    );
    return;
  }
  const fields = desired as unknown as Record<string, unknown>;
  const { changes, body } = givenFields(fields, OBSERVABILITY_FIELDS);
  const config = configChanges(desired.config, undefined, context.secrets);
  const keys = keyListChange(context, where, "api_keys", desired.api_keys, null);
  context.plan.steps.push({
    action: "create",
    kind: "observability",
    address: where,
    changes: [
      { field: "type", to: desired.type },
      ...(desired.workspace !== undefined ? [{ field: "workspace", to: desired.workspace }] : []),
      ...config.changes,
      ...changes,
      ...(keys ? [keys] : []),
    ].map((c) => (c.field === "api_keys" ? { field: c.field, to: c.to } : c)),
    phase: PHASE.settings,
    operation: {
      type: "createDestination",
      ...(desired.workspace !== undefined && { workspace: desired.workspace }),
      body: { ...body, name: desired.name, type: desired.type, config: config.body },
      ...(desired.api_keys !== undefined && { apiKeys: desired.api_keys }),
    },
  });
}

function updateDestination(
  context: SettingsContext,
  desired: DesiredObservability,
  current: ObservabilityDestination,
): void {
  const where = address(desired.name);
  if (desired.type !== current.type) {
    context.plan.problems.push(
      `${where} is a ${current.type} destination, not ${desired.type}; the type is set when it is created (delete it, or use another name).`,
    );
    return;
  }
  checkPlacement(context.plan, where, current.workspace_id, desired.workspace);
  const record = current as unknown as Record<string, unknown>;
  const { changes, body } = changedFields(
    desired as unknown as Record<string, unknown>,
    record,
    OBSERVABILITY_FIELDS,
  );
  const config = configChanges(
    desired.config ?? {},
    (record.config as Record<string, unknown> | undefined) ?? {},
    context.secrets,
  );
  const keys = keyListChange(context, where, "api_keys", desired.api_keys, current.api_key_hashes);
  const all = [...config.changes, ...changes, ...(keys ? [keys] : [])];
  if (all.length === 0) return;
  context.plan.steps.push({
    action: "update",
    kind: "observability",
    address: where,
    changes: all,
    phase: PHASE.settings,
    operation: {
      type: "updateDestination",
      name: desired.name,
      id: current.id,
      body: { ...body, ...(config.changes.length > 0 && { config: config.body }) },
      ...(keys && { apiKeys: desired.api_keys }),
    },
  });
}
