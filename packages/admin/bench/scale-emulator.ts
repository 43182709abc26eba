// The admin emulator of bench/account-scale.ts, in a worker thread: starts it with the spec,
// seeds the account (workspaces, guardrails, keys each holding a guardrail) and posts its URL.
import { parentPort, workerData } from "node:worker_threads";
import { overlaidSpec } from "@or/scripts";
import { startAdminEmulator, type AdminEmulatorOptions } from "@or/testing";

const {
  workspaces: WORKSPACES,
  guardrails: GUARDRAILS,
  keys: KEYS,
  managementKey: MANAGEMENT_KEY,
} = workerData as { workspaces: number; guardrails: number; keys: number; managementKey: string };

const emulator = await startAdminEmulator({
  ...(process.env.SPEC_CHECKS !== "off" && {
    spec: (await overlaidSpec()) as AdminEmulatorOptions["spec"],
  }),
  managementKey: MANAGEMENT_KEY,
});
const store = emulator.state;
const workspaceIds = [store.defaultWorkspaceId];
for (let w = 1; w < WORKSPACES; w++)
  workspaceIds.push(store.addWorkspace({ name: `Team ${w}`, slug: `team-${w}` }).id);
const guardrailIds: string[] = [];
for (let g = 0; g < GUARDRAILS; g++) {
  const id = `00000000-0000-4000-8000-${String(g).padStart(12, "0")}`;
  store.guardrails.set(id, {
    id,
    name: `guardrail-${g}`,
    limit_usd: 10 + (g % 50),
    reset_interval: "monthly",
    allowed_models: [`vendor-${g % 7}/model-a`],
    include_byok_in_budgets: false,
    created_at: new Date().toISOString(),
    updated_at: null,
    workspace_id: workspaceIds[g % WORKSPACES] as string,
  });
  guardrailIds.push(id);
}
for (let k = 0; k < KEYS; k++) {
  const g = k % GUARDRAILS;
  const { record } = store.addKey({
    name: `key-${k}`,
    limit: 5 + (k % 20),
    limit_reset: "daily",
    workspace_id: workspaceIds[g % WORKSPACES] as string,
  });
  store.keyAssignments.set(record.hash, {
    id: `10000000-0000-4000-8000-${String(k).padStart(12, "0")}`,
    key_hash: record.hash,
    guardrail_id: guardrailIds[g] as string,
    assigned_by: null,
    created_at: new Date().toISOString(),
  });
}

parentPort?.on("message", () =>
  parentPort?.postMessage({ contractProblems: emulator.contractProblems.length }),
);
parentPort?.postMessage({ url: emulator.url });
