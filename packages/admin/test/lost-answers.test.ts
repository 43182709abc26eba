// Secrets reach the caller as soon as each key exists (onSecret), a create is never sent twice,
// and when its answer is lost the account is read back: every message says what exists now.
import { describe, expect, it } from "vitest";
import { ApplyError, RotationError, type DesiredState } from "../src/index";
import { isUsable, operations, useEmulatorAdmin } from "./helpers/emulator";

const t = useEmulatorAdmin();

const twoKeys: DesiredState = { version: 1, keys: [{ name: "ci" }, { name: "web" }] };
const keysNamed = (name: string) =>
  [...t.emulator.state.keys.values()].filter((k) => k.name === name);

/** Fails the next create of a key the way given, after the server made it. */
const loseCreateAnswer = (type: "reset-before-headers" | "reset-mid-stream") =>
  t.emulator.addFault({ fault: { type }, match: { operationId: "createKeys" }, times: 1 });

describe("apply hands each secret over as soon as its key exists", () => {
  it("onSecret runs before the next request of the apply", async () => {
    const seen: string[] = [];
    const plan = await t.admin.plan(twoKeys);
    t.emulator.reset();
    await t.admin.apply(plan, {
      concurrency: 1,
      onSecret: (s) => {
        const creates = t.emulator.requests.filter((r) => r.operationId === "createKeys").length;
        seen.push(`${s.name}@${t.emulator.requests.at(-1)?.operationId}#${creates}`);
      },
    });
    // Each secret arrived while its create was the last request sent.
    expect(seen).toEqual(["ci@createKeys#1", "web@createKeys#2"]);
  });

  it("when onSecret throws, apply starts nothing more and says what exists", async () => {
    const plan = await t.admin.plan({
      version: 1,
      keys: [{ name: "a" }, { name: "b" }, { name: "c" }],
    });
    t.emulator.reset();
    const error = (await t.admin
      .apply(plan, {
        concurrency: 1,
        onSecret: () => {
          throw new Error("disk full");
        },
      })
      .catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(t.emulator.state.keys.size).toBe(1);
    expect(error.createdKeys).toHaveLength(1);
    expect(error.pending).toHaveLength(2);
    expect(error.message).toMatch(/storing the secret of key "a" [0-9a-f]{64} failed: disk full/);
    expect(error.message).toMatch(/Keys created: "a" [0-9a-f]{64}/);
    expect(error.message).not.toContain("sk-or-v1-");
  });

  it("an aborted signal lets the step in flight finish, then stops with what was done", async () => {
    const plan = await t.admin.plan({ version: 1, keys: [{ name: "a" }, { name: "b" }] });
    t.emulator.reset();
    const controller = new AbortController();
    const error = (await t.admin
      .apply(plan, {
        concurrency: 1,
        signal: controller.signal,
        onSecret: () => controller.abort(),
      })
      .catch((e: unknown) => e)) as ApplyError;
    expect(error.interrupted).toBe(true);
    expect(error.applied).toHaveLength(1);
    expect(error.createdKeys.map((k) => k.name)).toEqual(["a"]);
    expect(error.message).toMatch(
      /^Apply stopped \(interrupted\): 1 step\(s\) done, 0 failed, 1 not tried/,
    );
  });
});

describe("apply: a create whose answer is lost", () => {
  for (const type of ["reset-before-headers", "reset-mid-stream"] as const) {
    it(`${type}: sent once, read back, the key named with the commands to delete or rotate it`, async () => {
      const plan = await t.admin.plan({ version: 1, keys: [{ name: "ci" }] });
      loseCreateAnswer(type);
      const error = (await t.admin.apply(plan).catch((e: unknown) => e)) as ApplyError;
      expect(error).toBeInstanceOf(ApplyError);
      expect(operations(t.emulator).filter((o) => o === "createKeys")).toHaveLength(1);
      const [made] = keysNamed("ci");
      expect(keysNamed("ci")).toHaveLength(1);
      expect(error.lostSecrets).toEqual([{ name: "ci", hash: made!.hash }]);
      expect(error.message).toContain(
        `key ${made!.hash} named "ci" was created but its secret was lost: delete or rotate it ` +
          `(or-admin keys delete ${made!.hash} --yes, or or-admin keys rotate ${made!.hash})`,
      );
      expect(error.message).not.toContain("Run plan again");
    });
  }

  it("a 500 on a create is not retried; reading back shows nothing was created, and says so", async () => {
    const plan = await t.admin.plan({ version: 1, keys: [{ name: "ci" }] });
    t.emulator.addFault({
      fault: { type: "status-sequence", statuses: [500, 500, 500] },
      match: { operationId: "createKeys" },
    });
    const error = (await t.admin.apply(plan).catch((e: unknown) => e)) as ApplyError;
    expect(operations(t.emulator).filter((o) => o === "createKeys")).toHaveLength(1);
    expect(error.lostSecrets).toEqual([]);
    expect(error.message).toContain("Now: it was not created (the account was read back).");
  });

  it("a guardrail or workspace found by reading back is used, and apply goes on", async () => {
    const state: DesiredState = {
      version: 1,
      workspaces: [{ slug: "ops", name: "Ops" }],
      guardrails: [{ name: "g", workspace: "ops", limit_usd: 1 }],
      keys: [{ name: "k", workspace: "ops", guardrail: "g" }],
    };
    const plan = await t.admin.plan(state);
    for (const operationId of ["createWorkspace", "createGuardrail"])
      t.emulator.addFault({
        fault: { type: "reset-before-headers" },
        match: { operationId },
        times: 1,
      });
    const result = await t.admin.apply(plan);
    expect(result.notes).toHaveLength(2);
    expect(result.notes[0]).toMatch(
      /^workspace "ops": the answer to its create was lost .* found it created/,
    );
    expect(t.emulator.state.counts()).toMatchObject({ workspaces: 2, guardrails: 1, keys: 1 });
    expect((await t.admin.plan(state)).steps).toEqual([]);
  });
});

describe("rotation: secrets and lost answers", () => {
  async function oldKey() {
    const old = await t.admin.keys.create({ name: "backend" });
    t.emulator.reset();
    return old;
  }

  it("hands the new secret to onSecret before the old key is touched", async () => {
    const old = await oldKey();
    let requestsAtSecret = -1;
    const result = await t.admin.keys.rotate(old.data.hash, {
      old: "delete",
      onSecret: () => {
        requestsAtSecret = t.emulator.requests.length;
      },
    });
    expect(requestsAtSecret).toBeGreaterThan(0);
    expect(operations(t.emulator).indexOf("deleteKeys")).toBeGreaterThanOrEqual(requestsAtSecret);
    expect(await isUsable(t.emulator, result.key)).toBe(true);
  });

  it("when onSecret throws, the old key is unchanged and the error holds the secret", async () => {
    const old = await oldKey();
    const error = (await t.admin.keys
      .rotate(old.data.hash, {
        old: "delete",
        onSecret: () => {
          throw new Error("EACCES");
        },
      })
      .catch((e: unknown) => e)) as RotationError;
    expect(error.stage).toBe("store-secret");
    expect(await isUsable(t.emulator, old.key)).toBe(true);
    expect(await isUsable(t.emulator, error.secret!)).toBe(true);
    expect(error.message).toContain("storing its secret failed: EACCES");
    expect(error.message).toContain(`the old key ${old.data.hash} is unchanged`);
    expect(operations(t.emulator)).not.toContain("deleteKeys");
  });

  it("a cut answer to the create: says the new key exists without its secret, old key unchanged", async () => {
    const old = await oldKey();
    loseCreateAnswer("reset-mid-stream");
    const error = (await t.admin.keys
      .rotate(old.data.hash)
      .catch((e: unknown) => e)) as RotationError;
    const fresh = keysNamed("backend").find((k) => k.hash !== old.data.hash)!;
    expect(error.stage).toBe("create-new");
    expect(error.lostSecrets).toEqual([{ name: "backend", hash: fresh.hash }]);
    expect(error.message).toContain(
      `key ${fresh.hash} named "backend" was created but its secret was lost`,
    );
    expect(error.message).toContain(`The old key ${old.data.hash} is unchanged and usable.`);
    expect(error.message).not.toContain("No key was created");
    expect(await isUsable(t.emulator, old.key)).toBe(true);
    expect(operations(t.emulator).filter((o) => o === "createKeys")).toHaveLength(1);
  });
});
