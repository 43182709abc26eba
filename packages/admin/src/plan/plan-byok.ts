import { BYOK_FIELDS, type DesiredByok } from "../state/desired-settings";
import { secretMatches, secretReference } from "../state/env-secrets";
import type { ByokKey } from "../types";
import { changedFields, givenFields } from "./compare";
import { checkPlacement } from "./plan-context";
import { PHASE, type FieldChange } from "./plan-types";
import { keyListChange, planNamed, type SettingsContext } from "./settings-context";

const address = (name: string) => `byok "${name}"`;

/**
 * Steps for the BYOK credentials the state lists, by name. The secret is compared with the
 * label the API shows (its first and last characters): a secret that does not fit it is shown
 * as "(secret changed)" and sent again. Provider and workspace are fixed once created.
 */
export function planByok(context: SettingsContext): void {
  planNamed(context, {
    what: "BYOK credential",
    listed: context.plan.desired.byok,
    existing: context.settings.byok,
    address,
    create: (desired) => createByok(context, desired),
    update: (desired, current) => updateByok(context, desired, current),
    unnamed: (c) => `(unnamed ${c.provider} ${c.id})`,
    deleteStep: (c) => ({
      kind: "byok",
      changes: [{ field: "provider", from: c.provider }],
      phase: PHASE.deleteSettings,
      operation: { type: "deleteByok", name: c.name ?? c.id, id: c.id },
    }),
  });
}

function createByok(context: SettingsContext, desired: DesiredByok): void {
  if (desired.key === undefined) {
    context.plan.problems.push(
      `${address(desired.name)} does not exist yet and has no key: give key: \${ENV_NAME} to create it.`,
    );
    return;
  }
  const { changes, body } = givenFields(desired as unknown as Record<string, unknown>, BYOK_FIELDS);
  const keys = keyListChange(
    context,
    address(desired.name),
    "allowed_api_keys",
    desired.allowed_api_keys,
    null,
  );
  changes.unshift(
    { field: "provider", to: desired.provider },
    ...(desired.workspace !== undefined ? [{ field: "workspace", to: desired.workspace }] : []),
    { field: "key", secret: "set" as const },
  );
  if (desired.allowed_api_keys !== undefined && desired.allowed_api_keys !== null && keys)
    changes.push({ field: "allowed_api_keys", to: desired.allowed_api_keys });
  context.plan.steps.push({
    action: "create",
    kind: "byok",
    address: address(desired.name),
    changes,
    phase: PHASE.settings,
    operation: {
      type: "createByok",
      ...(desired.workspace !== undefined && { workspace: desired.workspace }),
      body: { ...body, name: desired.name, provider: desired.provider, key: desired.key },
      ...(desired.allowed_api_keys !== undefined && { allowedKeys: desired.allowed_api_keys }),
    },
  });
}

function updateByok(context: SettingsContext, desired: DesiredByok, current: ByokKey): void {
  const where = address(desired.name);
  if (desired.provider !== current.provider) {
    context.plan.problems.push(
      `${where} is a ${current.provider} credential, not ${desired.provider}; the provider is set when it is created (delete it, or use another name).`,
    );
    return;
  }
  if (desired.workspace !== undefined || current.workspace_id !== null)
    checkPlacement(context.plan, where, current.workspace_id, desired.workspace);
  const { changes, body } = changedFields(
    desired as unknown as Record<string, unknown>,
    current as unknown as Record<string, unknown>,
    BYOK_FIELDS,
  );
  const variable = secretReference(desired.key);
  const secret = variable === undefined ? undefined : context.secrets.get(variable);
  if (secret !== undefined && !secretMatches(current.label, secret)) {
    changes.push({ field: "key", secret: "changed" });
    body.key = desired.key;
  }
  const keys = keyListChange(
    context,
    where,
    "allowed_api_keys",
    desired.allowed_api_keys,
    current.allowed_api_key_hashes,
  );
  if (keys) changes.push(keys);
  if (changes.length === 0) return;
  context.plan.steps.push({
    action: "update",
    kind: "byok",
    address: where,
    changes: changes as FieldChange[],
    phase: PHASE.settings,
    operation: {
      type: "updateByok",
      name: desired.name,
      id: current.id,
      body,
      ...(keys && { allowedKeys: desired.allowed_api_keys }),
    },
  });
}
