// plan/apply against the emulator: ordered steps with a readable diff, dependency order,
// idempotence, prune, secrets handed over once, failures part way.
import { readFileSync } from "node:fs";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ApplyError,
  parseState,
  PlanError,
  renderPlan,
  type Admin,
  type DesiredState,
  type Plan,
} from "../src/index";
import {
  adminFor,
  isUsable,
  operations,
  startEmulator,
  checkAndResetEmulator,
} from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

const example = parseState(
  readFileSync(new URL("../examples/state.yaml", import.meta.url), "utf8"),
);

beforeAll(async () => {
  emulator = await startEmulator();
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

const addresses = (plan: Plan) => plan.steps.map((s) => `${s.action} ${s.address}`);

describe("plan", () => {
  it("lists what to create, in dependency order, and reads only", async () => {
    const plan = await admin.plan(example);
    expect(addresses(plan)).toEqual([
      'create workspace "research"',
      "create budget research/daily",
      "create budget research/monthly",
      'update members of workspace "research"',
      'create guardrail "production"',
      'create guardrail "research-sandbox"',
      'update members of guardrail "research-sandbox"',
      'create key "backend"',
      'create key "legacy-integration"',
      'create key "nightly-evals"',
      'update keys of guardrail "production"',
      'update keys of guardrail "research-sandbox"',
    ]);
    expect(plan.summary).toEqual({ create: 8, update: 4, delete: 0 });
    const methods = new Set(emulator.requests.map((r) => r.method));
    expect([...methods]).toEqual(["GET"]);
    expect(emulator.state.counts()).toMatchObject({ keys: 0, guardrails: 0, workspaces: 1 });
  });

  it("renders a readable diff", async () => {
    await admin.apply(
      await admin.plan({
        guardrails: [{ name: "strict", limit_usd: 10, allowed_models: ["a/x"] }],
      }),
    );
    const plan = await admin.plan({
      guardrails: [
        { name: "strict", limit_usd: 20, allowed_models: ["a/x", "b/y"], description: null },
      ],
      keys: [{ name: "ci", limit: 5, guardrail: "strict" }],
    });
    expect(renderPlan(plan)).toBe(
      [
        "Plan: 1 to create, 2 to update, 0 to delete.",
        "",
        '  ~ guardrail "strict"',
        "      limit_usd: 10 → 20",
        '      allowed_models: ["a/x"] → ["a/x", "b/y"]',
        '  + key "ci"',
        "      limit: 5",
        '  ~ keys of guardrail "strict"',
        '      + "ci"',
      ].join("\n"),
    );
  });

  it("leaves out fields the state does not give, and compares lists as sets", async () => {
    const g = await admin.guardrails.create({
      name: "strict",
      limit_usd: 10,
      allowed_models: ["b/y", "a/x"],
    });
    await admin.guardrails.update(g.id, { description: "set by hand" });
    const plan = await admin.plan({
      guardrails: [{ name: "strict", allowed_models: ["a/x", "b/y"] }],
    });
    expect(plan.steps).toEqual([]);
    expect(renderPlan(plan)).toBe("No changes: the account matches the state.");
  });

  it("refuses names the account holds twice, and moves between workspaces", async () => {
    await admin.guardrails.create({ name: "twin" });
    await admin.guardrails.create({ name: "twin" });
    const ws = await admin.workspaces.create({ name: "Ops", slug: "ops" });
    await admin.keys.create({ name: "ops-bot", workspace_id: ws.id });
    const state: DesiredState = {
      workspaces: [{ slug: "ops" }, { slug: "research" }],
      guardrails: [{ name: "twin" }],
      keys: [{ name: "ops-bot", workspace: "research" }],
    };
    const error = (await admin.plan(state).catch((e: unknown) => e)) as PlanError;
    expect(error).toBeInstanceOf(PlanError);
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toMatch(/^2 guardrails in the account are named "twin"/);
    expect(error.problems[1]).toContain('key "ops-bot" is in workspace "ops", not "research"');
  });
});

describe("apply", () => {
  it("applies in dependency order, hands over new secrets once, and a second plan is empty", async () => {
    const plan = await admin.plan(example);
    expect(JSON.stringify(plan)).not.toContain("sk-or-v1-");
    const result = await admin.apply(plan);
    expect(result.applied).toHaveLength(plan.steps.length);
    expect(result.createdKeys.map((k) => k.name).sort()).toEqual([
      "backend",
      "legacy-integration",
      "nightly-evals",
    ]);
    for (const created of result.createdKeys) {
      expect(created.key).toMatch(/^sk-or-v1-/);
      expect(await isUsable(emulator, created.key)).toBe(created.name !== "legacy-integration");
    }

    const writes = operations(emulator).filter((op) => !/^(list|get)/.test(op));
    const first = (op: string) => writes.indexOf(op);
    const last = (op: string) => writes.lastIndexOf(op);
    expect(last("createWorkspace")).toBeLessThan(first("upsertWorkspaceBudget"));
    expect(last("createWorkspace")).toBeLessThan(first("createGuardrail"));
    expect(last("createGuardrail")).toBeLessThan(first("bulkAssignMembersToGuardrail"));
    expect(last("createGuardrail")).toBeLessThan(first("createKeys"));
    expect(last("createKeys")).toBeLessThan(first("bulkAssignKeysToGuardrail"));

    const state = emulator.state;
    const research = state.workspace("research");
    expect(research?.description).toBe("Experiments and evaluations");
    expect(
      [...(state.budgets.get(research?.id as string)?.values() ?? [])]
        .map((b) => b.limit_usd)
        .sort(),
    ).toEqual([40, 500]);
    const sandbox = [...state.guardrails.values()].find((g) => g.name === "research-sandbox");
    expect(sandbox?.workspace_id).toBe(research?.id);
    const evals = [...state.keys.values()].find((k) => k.name === "nightly-evals");
    expect(state.keyAssignments.get(evals?.hash as string)?.guardrail_id).toBe(sandbox?.id);

    const again = await admin.plan(example);
    expect(again.steps).toEqual([]);
  });

  it("updates what drifted and nothing else", async () => {
    await admin.apply(await admin.plan(example));
    const backend = [...emulator.state.keys.values()].find((k) => k.name === "backend")!;
    await admin.keys.update(backend.hash, { limit: 1 });
    const production = [...emulator.state.guardrails.values()].find(
      (g) => g.name === "production",
    )!;
    await admin.guardrails.unassignKeys(production.id, [backend.hash]);
    await admin.workspaces.budgets.set("research", "daily", { limit_usd: 1 });

    const plan = await admin.plan(example);
    expect(addresses(plan)).toEqual([
      "update budget research/daily",
      'update key "backend"',
      'update keys of guardrail "production"',
    ]);
    expect(plan.steps[1]?.changes).toEqual([{ field: "limit", from: 1, to: 100 }]);
    await admin.apply(plan);
    expect((await admin.plan(example)).steps).toEqual([]);
  });

  it("moves a key to another guardrail, and `guardrail: null` takes it off", async () => {
    const state: DesiredState = {
      guardrails: [{ name: "a" }, { name: "b" }],
      keys: [
        { name: "k1", guardrail: "a" },
        { name: "k2", guardrail: "a" },
      ],
    };
    await admin.apply(await admin.plan(state));
    const next: DesiredState = {
      ...state,
      keys: [
        { name: "k1", guardrail: "b" },
        { name: "k2", guardrail: null },
      ],
    };
    const plan = await admin.plan(next);
    expect(plan.steps.map((s) => [s.address, s.changes])).toEqual([
      ['keys of guardrail "a"', [{ field: "key", from: "k2" }]],
      ['keys of guardrail "b"', [{ field: "key", to: "k1" }]],
    ]);
    await admin.apply(plan);
    expect(emulator.state.keyAssignments.size).toBe(1);
    expect((await admin.plan(next)).steps).toEqual([]);
  });
});

describe("prune", () => {
  async function accountWithExtras() {
    await admin.apply(await admin.plan(example));
    const extra = await admin.workspaces.create({ name: "Old", slug: "old-team" });
    await admin.keys.create({ name: "stray", workspace_id: extra.id });
    await admin.guardrails.create({ name: "forgotten" });
    await admin.workspaces.budgets.set("research", "weekly", { limit_usd: 70 });
    await admin.workspaces.members.add("research", ["user_emu_owner"]);
  }

  it("without prune, lists what the state leaves out and deletes nothing", async () => {
    await accountWithExtras();
    const plan = await admin.plan(example);
    expect(plan.steps).toEqual([]);
    expect(plan.unmanaged).toEqual([
      "budget research/weekly",
      'guardrail "forgotten"',
      'key "stray"',
      'member user_emu_owner of workspace "research"',
      'workspace "old-team"',
    ]);
    expect(renderPlan(plan)).toContain(
      "Not in the state, left as they are (5; --prune deletes them):",
    );
  });

  it("with prune, deletes them (keys before their workspace), then has nothing left to do", async () => {
    await accountWithExtras();
    const plan = await admin.plan(example, { prune: true });
    expect(addresses(plan)).toEqual([
      'delete key "stray"',
      'delete guardrail "forgotten"',
      "delete budget research/weekly",
      'delete members of workspace "research"',
      'delete workspace "old-team"',
    ]);
    emulator.reset();
    await admin.apply(plan);
    const writes = operations(emulator);
    expect(writes.indexOf("deleteKeys")).toBeLessThan(writes.indexOf("deleteWorkspace"));
    expect(emulator.state.workspace("old-team")).toBeUndefined();
    expect((await admin.plan(example, { prune: true })).steps).toEqual([]);
  });

  it("with prune, refuses to keep a resource whose workspace would be deleted", async () => {
    await accountWithExtras();
    const state = { ...example, keys: [...(example.keys ?? []), { name: "stray" }] };
    await expect(admin.plan(state, { prune: true })).rejects.toThrow(
      /key "stray" is in workspace "old-team", which the file does not list/,
    );
  });
});

describe("failure part way", () => {
  it("stops after the failing phase, says what was done, keeps the secrets, and a new plan shows the rest", async () => {
    emulator.addFault({
      fault: { type: "status-sequence", statuses: [400] },
      match: { operationId: "bulkAssignKeysToGuardrail" },
      times: 1,
    });
    const plan = await admin.plan(example);
    const error = (await admin.apply(plan).catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(error.failed).toHaveLength(1);
    expect(error.failed[0]?.step.kind).toBe("key-guardrail");
    expect(error.message).toMatch(
      /^Apply stopped \(1 step\(s\) failed\): \d+ step\(s\) done, 1 failed, 0 not tried/,
    );
    expect(error.message).toContain("Status 400 injected");
    expect(error.createdKeys).toHaveLength(3);
    expect(JSON.stringify(error)).not.toContain("sk-or-v1-");
    expect(error.message).not.toContain("sk-or-v1-");

    const rest = await admin.plan(example);
    expect(rest.steps).toHaveLength(1);
    expect(rest.steps[0]?.kind).toBe("key-guardrail");
    await admin.apply(rest);
    expect((await admin.plan(example)).steps).toEqual([]);
  });
});
