// How long plan (and apply) take for 500 guardrails and 2,000 keys against the admin emulator
// (with spec checks on, as in the tests). Run: pnpm --filter @or/admin bench
import { overlaidSpec } from "@or/scripts";
import { startAdminEmulator, type AdminEmulatorOptions } from "@or/testing";
import { createAdmin, type DesiredState } from "../src/index";

const GUARDRAILS = Number(process.env.GUARDRAILS ?? 500);
const KEYS = Number(process.env.KEYS ?? 2000);
const MANAGEMENT_KEY = `sk-or-v1-${"0".repeat(64)}`;

const state: DesiredState = {
  guardrails: Array.from({ length: GUARDRAILS }, (_, i) => ({
    name: `guardrail-${i}`,
    limit_usd: 10 + (i % 50),
    reset_interval: "monthly" as const,
    allowed_models: [`vendor-${i % 7}/model-a`, `vendor-${i % 5}/model-b`],
  })),
  keys: Array.from({ length: KEYS }, (_, i) => ({
    name: `key-${i}`,
    limit: 5 + (i % 20),
    limit_reset: "daily" as const,
    guardrail: `guardrail-${i % GUARDRAILS}`,
  })),
};

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(
    `${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s`,
  );
  return result;
}

const emulator = await startAdminEmulator({
  spec: (await overlaidSpec()) as AdminEmulatorOptions["spec"],
  managementKey: MANAGEMENT_KEY,
});
let sent = 0;
const admin = createAdmin({
  apiKey: MANAGEMENT_KEY,
  baseUrl: emulator.url,
  fetch: (request) => {
    sent += 1;
    return fetch(request);
  },
});

/** Requests sent by `run`. */
async function counting(run: () => Promise<unknown>): Promise<number> {
  const before = sent;
  await run();
  return sent - before;
}
try {
  console.log(`node ${process.version}; ${GUARDRAILS} guardrails, ${KEYS} keys, concurrency 8`);
  let plan = await timed("plan, empty account (cold: schemas compile)", () => admin.plan(state));
  console.log(
    `  ${plan.steps.length} steps (${plan.summary.create} create, ${plan.summary.update} update)`,
  );
  const applied = await counting(() => timed("apply", () => admin.apply(plan)));
  console.log(`  ${applied} requests`);
  let reads = 0;
  reads = await counting(async () => {
    plan = await timed("plan, account matching the state", () => admin.plan(state));
  });
  console.log(`  ${plan.steps.length} steps, ${reads} requests`);
  reads = await counting(async () => {
    plan = await timed("plan --prune, account matching the state", () =>
      admin.plan(state, { prune: true }),
    );
  });
  console.log(
    `  ${plan.steps.length} steps, ${reads} requests; emulator contract problems: ${emulator.contractProblems.length}`,
  );
} finally {
  await emulator.close();
}
