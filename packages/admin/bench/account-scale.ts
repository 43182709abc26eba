// export, plan and re-plan of a large account against the admin emulator (in a worker thread,
// spec checks on as in the tests; SPEC_CHECKS=off for none): 100 workspaces, 1,000 guardrails,
// 10,000 keys (each holding a guardrail). Run: pnpm --filter @or/admin bench:account
import { availableParallelism, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { createAdmin, exportState, parseState, stateToText, type DesiredState } from "../src/index";

const WORKSPACES = Number(process.env.WORKSPACES ?? 100);
const GUARDRAILS = Number(process.env.GUARDRAILS ?? 1000);
const KEYS = Number(process.env.KEYS ?? 10_000);
const MANAGEMENT_KEY = `sk-or-v1-${"0".repeat(64)}`;

// The emulator runs in a worker thread, like a server apart from the client: on a machine with
// two cores the client's work and the server's run side by side, as they would against the API.
const entry = new URL("./scale-emulator.ts", import.meta.url).href;
// The worker loads TypeScript through tsx's loader, registered before the entry is imported.
const worker = new Worker(
  `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
  {
    eval: true,
    workerData: {
      workspaces: WORKSPACES,
      guardrails: GUARDRAILS,
      keys: KEYS,
      managementKey: MANAGEMENT_KEY,
    },
  },
);
const { url, contractProblems } = await new Promise<{
  url: string;
  contractProblems: () => Promise<number>;
}>((resolve, reject) => {
  worker.once("error", reject);
  worker.once("message", (message: { url: string }) =>
    resolve({
      url: message.url,
      contractProblems: () =>
        new Promise((done) => {
          worker.once("message", (answer: { contractProblems: number }) =>
            done(answer.contractProblems),
          );
          worker.postMessage("contract-problems");
        }),
    }),
  );
});

let sent = 0;
const admin = createAdmin({
  apiKey: MANAGEMENT_KEY,
  baseUrl: url,
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
    `node ${process.version}; ${WORKSPACES} workspaces, ${GUARDRAILS} guardrails, ${KEYS} keys; concurrency 8; ` +
      `spec checks ${process.env.SPEC_CHECKS === "off" ? "off" : "on"}; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
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
    `  ${again.steps.length} steps with --prune; contract problems: ${await contractProblems()}`,
  );
} finally {
  await worker.terminate();
}
