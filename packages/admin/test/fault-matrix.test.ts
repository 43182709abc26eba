// The fault matrix: apply and rotate against the admin emulator with a fault at every request
// they make, for each of: 500 through all retries, a reset before the headers after the server
// acted, an answer cut mid-body, and SIGTERM (the built CLI, signalled while the emulator holds
// that request). Afterwards: no duplicate, every created key's secret saved or reported with its
// hash, a working key the user holds, and a message that says what exists.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator, StepFault } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ApplyError,
  RotationError,
  type Admin,
  type CreatedSecret,
  type DesiredState,
} from "../src/index";
import {
  adminFor,
  checkAndResetEmulator,
  isUsable,
  MANAGEMENT_KEY,
  startEmulator,
} from "./helpers/emulator";
import { ensureBuilt, startCli } from "./helpers/run-cli";

let emulator: AdminEmulator;
let admin: Admin;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator();
  admin = adminFor(emulator);
  dir = mkdtempSync(join(tmpdir(), "or-admin-matrix-"));
  env = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY, OPENROUTER_BASE_URL: emulator.url };
});
checkAndResetEmulator(() => emulator);

/** The faults, each placed at one request. 3 attempts: the client's first try and 2 retries. */
const FAULTS: Record<string, Omit<StepFault, "at">> = {
  "500 through all retries": { fault: { type: "status-sequence", statuses: [500] }, times: 3 },
  "reset before headers, after the server acted": { fault: { type: "reset-before-headers" } },
  "answer cut mid-body": { fault: { type: "reset-mid-stream" } },
};

const STATE: DesiredState = {
  version: 1,
  guardrails: [{ name: "prod", limit_usd: 5 }],
  keys: [
    { name: "a", guardrail: "prod" },
    { name: "b", limit: 3 },
  ],
};
const STATE_YAML =
  "version: 1\nguardrails:\n  - name: prod\n    limit_usd: 5\nkeys:\n" +
  "  - name: a\n    guardrail: prod\n  - name: b\n    limit: 3\n";

const keys = () => [...emulator.state.keys.values()];
let cases = 0;

/** No name held twice by enabled keys, none by guardrails. */
function expectNoDuplicates(): void {
  const enabled = keys()
    .filter((k) => !k.disabled)
    .map((k) => k.name);
  expect(new Set(enabled).size, `duplicate keys: ${enabled.join(", ")}`).toBe(enabled.length);
  const guardrails = [...emulator.state.guardrails.values()].map((g) => g.name);
  expect(new Set(guardrails).size).toBe(guardrails.length);
}

/** Every key in the account: its secret saved, or named (hash) as lost in the error and its message. */
function expectEverySecretAccounted(saved: CreatedSecret[], error: unknown, except: string[] = []) {
  const lost = (error as { lostSecrets?: Array<{ hash: string }> } | undefined)?.lostSecrets ?? [];
  for (const key of keys()) {
    if (except.includes(key.hash)) continue;
    const secret = saved.find((s) => s.hash === key.hash);
    if (secret) {
      expect(secret.key).toBe(emulator.state.secrets.get(key.hash));
      if (error) expect((error as Error).message).toContain(key.hash);
      continue;
    }
    expect(
      lost.map((l) => l.hash),
      `key ${key.name} has no saved secret`,
    ).toContain(key.hash);
    expect((error as Error).message).toContain(
      `key ${key.hash} named "${key.name}" was created but its secret was lost`,
    );
  }
}

async function requestsOfApply(): Promise<number> {
  const plan = await admin.plan(STATE);
  emulator.reset();
  await admin.apply(plan, { concurrency: 1 });
  const count = emulator.requests.length;
  emulator.reset({ state: true });
  return count;
}

describe("apply", () => {
  it("every request × every fault", async () => {
    const steps = await requestsOfApply();
    // Reads of the names before each create phase and after the keys, 4 writes.
    expect(steps).toBe(8);
    for (let at = 0; at < steps; at++) {
      for (const [label, fault] of Object.entries(FAULTS)) {
        const plan = await admin.plan(STATE);
        emulator.reset();
        emulator.addStepFault({ at, ...fault });
        const saved: CreatedSecret[] = [];
        const error = await admin
          .apply(plan, { concurrency: 1, onSecret: (s) => void saved.push(s) })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        const where = `request ${at}, ${label}`;
        if (error !== undefined) {
          expect(error, where).toBeInstanceOf(ApplyError);
          for (const line of (error as ApplyError).failed) expect(line.outcome, where).not.toBe("");
          expect((error as Error).message, where).toMatch(
            /^Apply stopped \(.*\): \d+ step\(s\) done/,
          );
          expect((error as Error).message).not.toContain("sk-or-v1-");
        }
        expectNoDuplicates();
        expectEverySecretAccounted(saved, error);
        for (const s of saved) expect(await isUsable(emulator, s.key), where).toBe(true);
        // What is left converges: a new plan and apply finish the state, without duplicates.
        emulator.reset();
        await admin.apply(await admin.plan(STATE));
        expect((await admin.plan(STATE)).steps, where).toEqual([]);
        expectNoDuplicates();
        emulator.reset({ state: true });
        cases += 1;
      }
    }
  });
});

async function setUpOldKey() {
  const guardrail = await admin.guardrails.create({ name: "prod", limit_usd: 5 });
  const old = await admin.keys.create({ name: "backend", limit: 7 });
  await admin.guardrails.assignKeys(guardrail.id, [old.data.hash]);
  emulator.reset();
  return old;
}

describe("rotate", () => {
  for (const mode of ["disable", "delete"] as const) {
    it(`old key ${mode}d: every request × every fault`, async () => {
      const baseline = await setUpOldKey();
      await admin.keys.rotate(baseline.data.hash, { old: mode });
      const steps = emulator.requests.length;
      emulator.reset({ state: true });
      expect(steps).toBeGreaterThanOrEqual(5);
      for (let at = 0; at < steps; at++) {
        for (const [label, fault] of Object.entries(FAULTS)) {
          const where = `${mode}: request ${at}, ${label}`;
          const old = await setUpOldKey();
          emulator.addStepFault({ at, ...fault });
          const saved: CreatedSecret[] = [];
          const outcome = await admin.keys
            .rotate(old.data.hash, { old: mode, onSecret: (s) => void saved.push(s) })
            .then(
              (r) => r,
              (e: unknown) => e,
            );
          const error = outcome instanceof Error ? outcome : undefined;
          if (error) {
            expect(error, where).toBeInstanceOf(RotationError);
            expect(error.message, where).toContain(old.data.hash.slice(0, 12));
            expect(error.message).not.toContain("sk-or-v1-");
          }
          const fresh = keys().filter((k) => k.hash !== old.data.hash);
          expect(fresh.length, where).toBeLessThanOrEqual(1);
          expectEverySecretAccounted(saved, error, [old.data.hash]);
          // A working key the user holds: the old one, or the new one whose secret was saved.
          const held = [old.key, ...saved.map((s) => s.key)];
          const working = await Promise.all(held.map((k) => isUsable(emulator, k)));
          expect(working.some(Boolean), where).toBe(true);
          if (!error) expect(await isUsable(emulator, old.key), where).toBe(false);
          emulator.reset({ state: true });
          cases += 1;
        }
      }
    });
  }
});

describe("SIGTERM: the CLI finishes the request in flight, saves, and says what it did", () => {
  it("apply, signalled at each of its writes", async () => {
    // Where the writes fall in a CLI apply: after the plan's reads.
    const first = await startCli(["apply", "-f", stateFile(), "--yes"], { env }).done;
    expect(first.code).toBe(0);
    const writes = emulator.requests.flatMap((r, i) => (r.method === "GET" ? [] : [i]));
    emulator.reset({ state: true });
    expect(writes).toHaveLength(4);
    for (const at of writes) {
      const secrets = join(dir, `apply-${at}.jsonl`);
      const held = emulator.hold(at);
      const cli = startCli(["apply", "-f", stateFile(), "--yes", "--secrets-out", secrets], {
        env,
      });
      await held.arrived;
      cli.child.kill("SIGTERM");
      await cli.stderrShows("SIGTERM received");
      held.release();
      const run = await cli.done;
      const where = `apply, SIGTERM at request ${at}`;
      // Signalled during the last write, the apply has nothing left to stop: it ends normally.
      if (at === writes.at(-1)) expect(run.stderr, where).toContain("Applied 4 changes");
      else {
        expect(run.code, where).toBe(143);
        expect(run.stderr, where).toContain("Apply stopped (interrupted)");
      }
      expectNoDuplicates();
      const saved = readFileSync(secrets, "utf8").trimEnd().split("\n").filter(Boolean);
      expectEverySecretAccounted(
        saved.map((l) => JSON.parse(l) as CreatedSecret),
        keys().length > 0 ? new Error(run.stderr) : undefined,
      );
      emulator.reset({ state: true });
      cases += 1;
    }
  });

  it("rotate, signalled at each of its requests", async () => {
    const baseline = await setUpOldKey();
    const first = await startCli(["keys", "rotate", baseline.data.hash], { env }).done;
    expect(first.code).toBe(0);
    const steps = emulator.requests.length;
    emulator.reset({ state: true });
    for (let at = 0; at < steps; at++) {
      const old = await setUpOldKey();
      const secrets = join(dir, `rotate-${at}.jsonl`);
      const held = emulator.hold(at);
      const cli = startCli(["keys", "rotate", old.data.hash, "--secrets-out", secrets], { env });
      await held.arrived;
      cli.child.kill("SIGTERM");
      await cli.stderrShows("SIGTERM received");
      held.release();
      const run = await cli.done;
      const where = `rotate, SIGTERM at request ${at}`;
      const saved = readFileSync(secrets, "utf8").trimEnd().split("\n").filter(Boolean);
      const savedKeys = saved.map((l) => JSON.parse(l) as CreatedSecret);
      expect(keys().filter((k) => k.hash !== old.data.hash).length, where).toBeLessThanOrEqual(1);
      expectEverySecretAccounted(savedKeys, undefined, [old.data.hash]);
      if (run.code === 0) {
        // Signalled while the old key was being retired: that request finished, the rotation with it.
        expect(savedKeys, where).toHaveLength(1);
        expect(await isUsable(emulator, savedKeys[0]!.key), where).toBe(true);
      } else {
        // Interrupted: the old key is never retired after the signal, so it still works.
        expect(run.code, where).toBe(143);
        expect(run.stderr, where).toMatch(/interrupted/);
        expect(await isUsable(emulator, old.key), where).toBe(true);
      }
      emulator.reset({ state: true });
      cases += 1;
    }
    console.log(`fault matrix: ${cases} cases`);
  });
});

function stateFile(): string {
  const path = join(dir, "state.yaml");
  writeFileSync(path, STATE_YAML);
  return path;
}
