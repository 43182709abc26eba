// Every resource method of @or/admin against the stateful emulator, with typed errors.
import { AuthenticationError, BadRequestError, NotFoundError } from "@or/fetch";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdmin, type Admin } from "../src/index";
import { adminFor, isUsable, startEmulator, checkAndResetEmulator } from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      credits: { total_credits: 50, total_usage: 7.25 },
      activity: [
        {
          date: "2026-08-20",
          model: "openai/gpt-4o",
          model_permaslug: "openai/gpt-4o-2024-08-06",
          endpoint_id: "ep-1",
          provider_name: "OpenAI",
          usage: 1.5,
          byok_usage_inference: 0,
          requests: 3,
          prompt_tokens: 300,
          completion_tokens: 90,
          reasoning_tokens: 0,
        },
        {
          date: "2026-08-21",
          model: "anthropic/claude-sonnet-4",
          model_permaslug: "anthropic/claude-sonnet-4",
          endpoint_id: "ep-2",
          provider_name: "Anthropic",
          usage: 0.5,
          byok_usage_inference: 0,
          requests: 1,
          prompt_tokens: 100,
          completion_tokens: 20,
          reasoning_tokens: 5,
        },
      ],
    },
  });
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

describe("keys", () => {
  it("creates, gets, lists, updates and deletes a key", async () => {
    const created = await admin.keys.create({ name: "ci", limit: 10, limit_reset: "daily" });
    expect(created.key).toMatch(/^sk-or-v1-/);
    expect(created.data).toMatchObject({
      name: "ci",
      limit: 10,
      limit_reset: "daily",
      disabled: false,
    });
    const hash = created.data.hash;

    expect(await admin.keys.get(hash)).toMatchObject({ hash, name: "ci" });
    expect((await admin.keys.list().toArray()).map((k) => k.name)).toEqual(["ci"]);

    const updated = await admin.keys.update(hash, { limit: 20, disabled: true });
    expect(updated).toMatchObject({ limit: 20, disabled: true });
    expect(await admin.keys.list().toArray()).toEqual([]);
    expect((await admin.keys.list({ includeDisabled: true }).toArray()).map((k) => k.hash)).toEqual(
      [hash],
    );

    await admin.keys.delete(hash);
    await expect(admin.keys.get(hash)).rejects.toBeInstanceOf(NotFoundError);
    expect(emulator.state.keys.size).toBe(0);
  });

  it("lists the keys of another workspace only when asked", async () => {
    const workspace = await admin.workspaces.create({ name: "Research", slug: "research" });
    await admin.keys.create({ name: "in-default" });
    await admin.keys.create({ name: "in-research", workspace_id: workspace.id });
    expect((await admin.keys.list().toArray()).map((k) => k.name)).toEqual(["in-default"]);
    expect(
      (await admin.keys.list({ workspaceId: workspace.id }).toArray()).map((k) => k.name),
    ).toEqual(["in-research"]);
  });

  it("current() answers for the calling key: management, then an inference key", async () => {
    expect(await admin.keys.current()).toMatchObject({ is_management_key: true });
    const { key } = await admin.keys.create({ name: "app", limit: 3 });
    const asApp = createAdmin({ apiKey: key, baseUrl: emulator.url, retry: false });
    expect(await asApp.keys.current()).toMatchObject({ is_management_key: false, limit: 3 });
    expect(await isUsable(emulator, key)).toBe(true);
  });

  it("throws @or/fetch's typed errors: 401 for a wrong key, 400 for a bad body, 404 for a missing key", async () => {
    const stranger = createAdmin({
      apiKey: "sk-or-v1-not-the-management-key",
      baseUrl: emulator.url,
      retry: false,
    });
    const unauthorized = await stranger.keys
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect((unauthorized as Error).message).not.toContain("not-the-management-key");

    const bad = await admin.keys.create({ name: "" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as Error).message).toContain("name");

    await expect(admin.keys.update("f".repeat(64), { limit: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("guardrails", () => {
  it("creates, gets, lists, updates and deletes a guardrail", async () => {
    const created = await admin.guardrails.create({
      name: "strict",
      limit_usd: 25,
      reset_interval: "monthly",
      allowed_models: ["openai/gpt-4o"],
      ignored_providers: ["deepinfra"],
    });
    expect(created).toMatchObject({
      name: "strict",
      limit_usd: 25,
      allowed_models: ["openai/gpt-4o"],
    });
    expect(await admin.guardrails.get(created.id)).toMatchObject({
      id: created.id,
      reset_interval: "monthly",
    });
    expect((await admin.guardrails.list().toArray()).map((g) => g.name)).toEqual(["strict"]);
    const updated = await admin.guardrails.update(created.id, {
      limit_usd: null,
      allowed_models: null,
    });
    expect(updated).toMatchObject({
      limit_usd: null,
      allowed_models: null,
      ignored_providers: ["deepinfra"],
    });
    await admin.guardrails.delete(created.id);
    await expect(admin.guardrails.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("assigns and unassigns keys; a key holds one guardrail, so assigning moves it", async () => {
    const a = await admin.guardrails.create({ name: "a" });
    const b = await admin.guardrails.create({ name: "b" });
    const k1 = (await admin.keys.create({ name: "k1" })).data.hash;
    const k2 = (await admin.keys.create({ name: "k2" })).data.hash;

    expect(await admin.guardrails.assignKeys(a.id, [k1, k2])).toBe(2);
    expect(
      (await admin.guardrails.keyAssignments(a.id).toArray()).map((x) => x.key_name).sort(),
    ).toEqual(["k1", "k2"]);
    expect(await admin.guardrails.assignKeys(b.id, [k2])).toBe(1);
    const all = await admin.guardrails.allKeyAssignments().toArray();
    expect(all.map((x) => [x.key_name, x.guardrail_id]).sort()).toEqual([
      ["k1", a.id],
      ["k2", b.id],
    ]);
    expect(await admin.guardrails.unassignKeys(a.id, [k1, k2])).toBe(1);
    expect(await admin.guardrails.keyAssignments(a.id).toArray()).toEqual([]);
  });

  it("assigns and unassigns organization members", async () => {
    const g = await admin.guardrails.create({ name: "people" });
    expect(await admin.guardrails.assignMembers(g.id, ["user_emu_dev1", "user_emu_dev2"])).toBe(2);
    expect(
      (await admin.guardrails.memberAssignments(g.id).toArray()).map((m) => m.user_id).sort(),
    ).toEqual(["user_emu_dev1", "user_emu_dev2"]);
    expect((await admin.guardrails.allMemberAssignments().toArray()).length).toBe(2);
    expect(await admin.guardrails.unassignMembers(g.id, ["user_emu_dev1"])).toBe(1);
    expect((await admin.guardrails.allMemberAssignments().toArray()).map((m) => m.user_id)).toEqual(
      ["user_emu_dev2"],
    );
    await expect(admin.guardrails.assignMembers(g.id, ["user_nobody"])).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });
});

describe("workspaces", () => {
  it("creates, gets (by id and slug), lists, updates and deletes a workspace", async () => {
    const created = await admin.workspaces.create({
      name: "Research",
      slug: "research",
      description: "R&D",
    });
    expect(await admin.workspaces.get("research")).toMatchObject({
      id: created.id,
      description: "R&D",
    });
    expect(await admin.workspaces.get(created.id)).toMatchObject({ slug: "research" });
    expect((await admin.workspaces.list().toArray()).map((w) => w.slug)).toEqual([
      "default",
      "research",
    ]);
    expect(await admin.workspaces.update("research", { name: "Research team" })).toMatchObject({
      name: "Research team",
    });
    await admin.workspaces.delete("research");
    await expect(admin.workspaces.get("research")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses to delete a workspace that still has keys", async () => {
    const w = await admin.workspaces.create({ name: "Ops", slug: "ops" });
    await admin.keys.create({ name: "ops-bot", workspace_id: w.id });
    const error = await admin.workspaces.delete("ops").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain("API key");
  });

  it("sets, gets, lists and deletes budgets", async () => {
    await admin.workspaces.create({ name: "Ops", slug: "ops" });
    expect(await admin.workspaces.budgets.set("ops", "monthly", { limit_usd: 100 })).toMatchObject({
      limit_usd: 100,
      reset_interval: "monthly",
    });
    await admin.workspaces.budgets.set("ops", "lifetime", { limit_usd: 1000 });
    await admin.workspaces.budgets.set("ops", "monthly", { limit_usd: 150 });
    expect(await admin.workspaces.budgets.get("ops", "monthly")).toMatchObject({ limit_usd: 150 });
    const list = await admin.workspaces.budgets.list("ops");
    expect(list.data.map((b) => [b.reset_interval, b.limit_usd])).toEqual([
      ["monthly", 150],
      [null, 1000],
    ]);
    await admin.workspaces.budgets.delete("ops", "monthly");
    await expect(admin.workspaces.budgets.get("ops", "monthly")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("adds, lists and removes members, in chunks of 100 for long lists", async () => {
    emulator.state.members.push(
      ...Array.from({ length: 150 }, (_, i) => ({
        id: `user_bulk_${i}`,
        first_name: null,
        last_name: null,
        email: `bulk${i}@example.test`,
        role: "org:member" as const,
      })),
    );
    await admin.workspaces.create({ name: "Big", slug: "big" });
    const ids = Array.from({ length: 150 }, (_, i) => `user_bulk_${i}`);
    expect(await admin.workspaces.members.add("big", ids)).toBe(150);
    const adds = emulator.requests.filter((r) => r.operationId === "bulkAddWorkspaceMembers");
    expect(adds.map((r) => (r.body as { user_ids: string[] }).user_ids.length)).toEqual([100, 50]);
    expect((await admin.workspaces.members.list("big").toArray()).length).toBe(150);
    expect(await admin.workspaces.members.remove("big", ids.slice(0, 120))).toBe(120);
    expect((await admin.workspaces.members.list("big").toArray()).map((m) => m.user_id)).toEqual(
      ids.slice(120),
    );
  });
});

describe("byok, credits, activity, organization", () => {
  it("creates, gets, lists (by provider), updates and deletes BYOK keys, never returning the secret", async () => {
    const created = await admin.byok.create({
      provider: "openai",
      key: "sk-provider-test-000000",
      name: "main",
    });
    expect(JSON.stringify(created)).not.toContain("sk-provider-test-000000");
    await admin.byok.create({ provider: "anthropic", key: "sk-ant-test-000000" });
    expect(await admin.byok.get(created.id)).toMatchObject({ provider: "openai", name: "main" });
    expect((await admin.byok.list({ provider: "openai" }).toArray()).map((b) => b.id)).toEqual([
      created.id,
    ]);
    expect((await admin.byok.list().toArray()).length).toBe(2);
    expect(await admin.byok.update(created.id, { disabled: true })).toMatchObject({
      disabled: true,
    });
    await admin.byok.delete(created.id);
    await expect(admin.byok.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reads credits and activity (filtered by date)", async () => {
    expect(await admin.credits.get()).toEqual({ total_credits: 50, total_usage: 7.25 });
    expect((await admin.activity.get()).length).toBe(2);
    expect((await admin.activity.get({ date: "2026-08-21" })).map((a) => a.model)).toEqual([
      "anthropic/claude-sonnet-4",
    ]);
    await expect(admin.activity.get({ date: "yesterday" })).rejects.toBeInstanceOf(BadRequestError);
  });

  it("lists organization members", async () => {
    const members = await admin.organization.members.list().toArray();
    expect(members.map((m) => m.id)).toEqual(["user_emu_owner", "user_emu_dev1", "user_emu_dev2"]);
  });
});
