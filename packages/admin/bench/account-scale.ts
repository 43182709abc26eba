// export, plan and re-plan of a large account against the admin emulator (spec checks on, as in
// the tests): 100 workspaces, 1,000 guardrails, 10,000 keys (each holding a guardrail).
// Run: pnpm --filter @or/admin exec tsx bench/account-scale.ts
import { overlaidSpec } from "@or/scripts";
import { startAdminEmulator, type AdminEmulatorOptions } from "@or/testing";
import { createAdmin, exportState, parseState, stateToText, type DesiredState } from "../src/index";

const WORKSPACES = Number(process.env.WORKSPACES ?? 100);
const GUARDRAILS = Number(process.env.GUARDRAILS ?? 1000);
const KEYS = Number(process.env.KEYS ?? 10_000);
const MANAGEMENT_KEY = `sk-or-v1-${"0".repeat(64)}`;

const emulator = await startAdminEmulator({
  spec: (await overlaidSpec()) as AdminEmulatorOptions["spec"],
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

let sent = 0;
const admin = createAdmin({
  apiKey: MANAGEMENT_KEY,
  baseUrl: emulator.url,
  fetch: (request) => {
    sent += 1;
    return fetch(request);
  },
});

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const before = sent;
  const started = performance.now();
  const result = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `${label.padEnd(36)} ${seconds.padStart(6)} s  ${String(sent - before).padStart(5)} requests`,
  );
  return result;
}

try {
  console.log(
    `node ${process.version}; ${WORKSPACES} workspaces, ${GUARDRAILS} guardrails, ${KEYS} keys; concurrency 8; spec checks on`,
  );
  const { state: exported, warnings } = await timed("export", () => exportState(admin));
  // Through the text, as `or-admin export` then `plan -f` would.
  const text = stateToText(exported);
  const state: DesiredState = parseState(text);
  console.log(`  ${(text.length / 1024).toFixed(0)} KiB of YAML, ${warnings.length} warnings`);
  const plan = await timed("plan of the export", () => admin.plan(state));
  console.log(`  ${plan.steps.length} steps`);
  const again = await timed("re-plan (no changes)", () => admin.plan(state, { prune: true }));
  console.log(
    `  ${again.steps.length} steps with --prune; contract problems: ${emulator.contractProblems.length}`,
  );
} finally {
  await emulator.close();
}
