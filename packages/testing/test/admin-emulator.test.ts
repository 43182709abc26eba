// The admin emulator: a stateful in-memory admin API that checks requests against the spec,
// keeps state, paginates, and answers what the contract validator accepts.
import { overlaidSpec } from "@or/scripts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAdminEmulator, type AdminEmulator } from "../src/admin-emulator/index";
import { ADMIN_ROUTES } from "../src/admin-emulator/routes";
import {
  createContractValidator,
  formatProblem,
  type ContractValidator,
  type OpenApiSpec,
} from "../src/contract/index";
import { TEST_KEY } from "./replay-client";

type Json = Record<string, any>;

let spec: OpenApiSpec;
let contract: ContractValidator;
let emulator: AdminEmulator;
/** Every answer seen, to check each against the spec with our own validator. */
const answers: Array<{ operationId: string; status: number; body: unknown }> = [];

beforeAll(async () => {
  spec = (await overlaidSpec()) as OpenApiSpec;
  contract = createContractValidator(spec);
  emulator = await startAdminEmulator({ spec, managementKey: TEST_KEY, keysPageSize: 3 });
});
afterEach(() => {
  expect(emulator.contractProblems).toEqual([]);
  emulator.reset({ state: true });
});
afterAll(() => emulator.close());

async function call(method: string, path: string, body?: unknown, key: string | null = TEST_KEY) {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers,
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const json = (await res.json()) as Json;
  const operationId = emulator.requests.at(-1)?.operationId;
  if (operationId) answers.push({ operationId, status: res.status, body: json });
  return { status: res.status, body: json, headers: res.headers };
}

describe("every operation, against the spec", () => {
  it("serves all its routes, each answer valid for the contract validator", async () => {
    answers.length = 0;
    const ws = (await call("POST", "/workspaces", { name: "Research", slug: "research" })).body
      .data;
    await call("GET", "/workspaces");
    await call("GET", "/workspaces/research");
    await call("PATCH", `/workspaces/${ws.id}`, {
      description: "R&D",
      io_logging_sampling_rate: 0.5,
    });
    await call("PUT", "/workspaces/research/budgets/monthly", {
      limit_usd: 100,
      include_byok_in_budgets: true,
    });
    await call("GET", "/workspaces/research/budgets");
    await call("GET", "/workspaces/research/budgets/monthly");
    await call("POST", "/workspaces/research/members/add", { user_ids: ["user_emu_dev1"] });
    await call("GET", "/workspaces/research/members");
    await call("POST", "/workspaces/research/members/remove", { user_ids: ["user_emu_dev1"] });
    await call("DELETE", "/workspaces/research/budgets/monthly");

    const created = (
      await call("POST", "/keys", {
        name: "ci",
        limit: 5,
        limit_reset: "daily",
        workspace_id: ws.id,
      })
    ).body;
    const hash = created.data.hash;
    await call("GET", `/keys?workspace_id=${ws.id}&include_disabled=true&offset=0`);
    await call("GET", `/keys/${hash}`);
    await call("PATCH", `/keys/${hash}`, { name: "ci-2", include_byok_in_limit: true });
    await call("GET", "/key");
    await call("GET", "/key", undefined, created.key);

    const g = (
      await call("POST", "/guardrails", {
        name: "strict",
        workspace_id: ws.id,
        limit_usd: 3,
        allowed_models: ["openai/gpt-4o"],
        content_filters: [{ pattern: "secret", action: "block" }],
        content_filter_builtins: [{ slug: "credit-card", action: "redact" }],
      })
    ).body.data;
    await call("GET", `/guardrails?workspace_id=${ws.id}`);
    await call("GET", `/guardrails/${g.id}`);
    await call("PATCH", `/guardrails/${g.id}`, { reset_interval: "weekly", description: null });
    await call("POST", `/guardrails/${g.id}/assignments/keys`, { key_hashes: [hash] });
    await call("GET", `/guardrails/${g.id}/assignments/keys`);
    await call("GET", "/guardrails/assignments/keys");
    await call("POST", `/guardrails/${g.id}/assignments/keys/remove`, { key_hashes: [hash] });
    await call("POST", `/guardrails/${g.id}/assignments/members`, {
      member_user_ids: ["user_emu_dev2"],
    });
    await call("GET", `/guardrails/${g.id}/assignments/members`);
    await call("GET", "/guardrails/assignments/members");
    await call("POST", `/guardrails/${g.id}/assignments/members/remove`, {
      member_user_ids: ["user_emu_dev2"],
    });

    const byok = (
      await call("POST", "/byok", {
        provider: "openai",
        key: "sk-provider-000",
        workspace_id: ws.id,
      })
    ).body.data;
    await call("GET", `/byok?workspace_id=${ws.id}&provider=openai`);
    await call("GET", `/byok/${byok.id}`);
    await call("PATCH", `/byok/${byok.id}`, { allowed_api_key_hashes: [hash], is_fallback: true });
    await call("DELETE", `/byok/${byok.id}`);

    await call("GET", "/credits");
    await call("GET", "/activity?group_by=workspace");
    await call("GET", "/organization/members?limit=2");

    const lf = (
      await call("POST", "/observability/destinations", {
        type: "webhook",
        name: "hook",
        config: { url: "https://example.test/hook" },
        api_key_hashes: [hash],
      })
    ).body.data;
    await call("GET", "/observability/destinations?limit=5");
    await call("GET", `/observability/destinations/${lf.id}`);
    await call("PATCH", `/observability/destinations/${lf.id}`, { sampling_rate: 0.5 });
    await call("DELETE", `/observability/destinations/${lf.id}`);
    const group = emulator.state.addScimGroup("Engineering");
    await call("GET", "/scim/groups");
    const mapping = (
      await call("POST", "/scim/group-mappings", {
        scim_group_id: group.id,
        workspace_id: emulator.state.defaultWorkspaceId,
        role: "member",
      })
    ).body.data;
    await call("GET", "/scim/group-mappings");
    await call("GET", `/scim/group-mappings/${mapping.id}`);
    await call("PATCH", `/scim/group-mappings/${mapping.id}`, { role: "admin" });
    await call("DELETE", `/scim/group-mappings/${mapping.id}?keep_members=true`);

    await call("DELETE", `/guardrails/${g.id}`);
    await call("DELETE", `/keys/${hash}`);
    await call("DELETE", "/workspaces/research");
    // Error answers are in the spec's shape too.
    await call("GET", `/keys/${hash}`);
    await call("POST", "/guardrails", { name: "" });

    expect(new Set(answers.map((a) => a.operationId))).toEqual(
      new Set(ADMIN_ROUTES.map((r) => r.operationId)),
    );
    const problems = answers.flatMap((a) =>
      contract
        .validateResponseBody(a.operationId, a.status, a.body)
        .map((p) => `${a.operationId} ${a.status} ${formatProblem(p)}`),
    );
    expect(problems).toEqual([]);
    expect(answers.filter((a) => a.status >= 400).map((a) => [a.operationId, a.status])).toEqual([
      ["getKey", 404],
      ["createGuardrail", 400],
    ]);
  });
});

describe("HTTP and auth", () => {
  it("listens on 127.0.0.1 under /api/v1, and says so for other paths", async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const outside = await fetch(emulator.url.replace("/api/v1", "/v1/keys"));
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as Json).error.message).toContain("/api/v1");
    expect((await call("GET", "/nothing-here")).status).toBe(404);
    const wrongMethod = await call("PUT", "/keys");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.message).toContain("GET or POST");
  });

  it("requires a Bearer key, and only the management key when one is set", async () => {
    expect((await call("GET", "/keys", undefined, null)).status).toBe(401);
    const wrong = await call("GET", "/keys", undefined, "sk-or-v1-someone-else");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("Unknown API key.");
  });

  it("lets an inference key read itself but not manage keys; deleted and disabled keys stop working", async () => {
    const a = (await call("POST", "/keys", { name: "a" })).body;
    const b = (await call("POST", "/keys", { name: "b" })).body;
    expect((await call("GET", "/key", undefined, a.key)).body.data.is_management_key).toBe(false);
    const denied = await call("GET", "/keys", undefined, a.key);
    expect(denied.status).toBe(401);
    expect(denied.body.error.message).toContain("management key");

    await call("PATCH", `/keys/${a.data.hash}`, { disabled: true });
    expect((await call("GET", "/key", undefined, a.key)).body.error.message).toBe(
      "This API key is disabled.",
    );
    await call("DELETE", `/keys/${b.data.hash}`);
    expect((await call("GET", "/key", undefined, b.key)).body.error.message).toBe(
      "This API key was deleted.",
    );
    expect(emulator.state.isUsable(b.key)).toBe(false);
  });

  it("keeps no credentials in its request log", async () => {
    await call("GET", "/credits");
    expect(emulator.requests[0]?.headers.authorization).toBe("Bearer <redacted>");
    expect(JSON.stringify(emulator.requests)).not.toContain(TEST_KEY);
  });
});

describe("request checks", () => {
  it("answers 400 naming what breaks the spec, and changes nothing", async () => {
    const res = await call("POST", "/keys", { name: "x", limit: "lots" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "The request does not match the spec: request.body/limit must be number,null",
    );
    // The spec's reset enums are open (our overlay); the emulator still keeps only known values.
    const reset = await call("POST", "/keys", { name: "x", limit_reset: "hourly" });
    expect(reset.body.error.message).toBe(
      "limit_reset must be one of daily, weekly, monthly or null.",
    );
    const slug = await call("POST", "/workspaces", { name: "X", slug: "Not A Slug" });
    expect(slug.status).toBe(400);
    expect(emulator.state.counts()).toMatchObject({ keys: 0, workspaces: 1 });
  });

  it("rejects bodies that are not JSON objects", async () => {
    expect((await call("POST", "/keys", "{not json")).body.error.message).toContain(
      "not valid JSON",
    );
    expect((await call("POST", "/keys", "")).body.error.message).toBeDefined();
    expect((await call("POST", "/keys", [1, 2])).status).toBe(400);
  });

  it("checks what the handlers keep even without a spec", async () => {
    const bare = await startAdminEmulator();
    try {
      expect(bare.validating).toBe(false);
      const res = await fetch(`${bare.url}/keys`, {
        method: "POST",
        headers: { authorization: "Bearer anything", "content-type": "application/json" },
        body: JSON.stringify({ limit: 3 }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).error.message).toBe(
        "name is required and must be a non-empty string.",
      );
    } finally {
      await bare.close();
    }
  });

  it("validates offset and limit", async () => {
    expect((await call("GET", "/guardrails?limit=101")).status).toBe(400);
    expect((await call("GET", "/guardrails?limit=0")).status).toBe(400);
    expect((await call("GET", "/workspaces?offset=-1")).body.error.message).toContain(
      "offset must be 0 or more",
    );
    expect((await call("GET", "/keys?offset=abc")).body.error.message).toContain(
      "must be an integer",
    );
  });
});

describe("state and pagination", () => {
  it("pages offset/limit lists with total_count, default 50", async () => {
    for (let i = 0; i < 60; i++)
      emulator.state.members.push({
        id: `u${i}`,
        first_name: null,
        last_name: null,
        email: `u${i}@example.test`,
        role: "org:member",
      });
    const first = await call("GET", "/organization/members");
    expect(first.body.data).toHaveLength(50);
    expect(first.body.total_count).toBe(63);
    // Three seeded members come first: offset 50 is u47.
    const last = await call("GET", "/organization/members?offset=50&limit=20");
    expect(last.body.data.map((m: Json) => m.id)).toEqual(
      Array.from({ length: 13 }, (_, i) => `u${i + 47}`),
    );
  });

  it("pages /keys by offset with its own page size and no total", async () => {
    for (const name of ["a", "b", "c", "d"]) await call("POST", "/keys", { name });
    const first = await call("GET", "/keys");
    expect(first.body).not.toHaveProperty("total_count");
    expect(first.body.data.map((k: Json) => k.name)).toEqual(["a", "b", "c"]);
    expect((await call("GET", "/keys?offset=3")).body.data.map((k: Json) => k.name)).toEqual(["d"]);
  });

  it("gives a key at most one guardrail: assigning moves it; deleting a guardrail drops its assignments", async () => {
    const hash = (await call("POST", "/keys", { name: "k" })).body.data.hash;
    const a = (await call("POST", "/guardrails", { name: "a" })).body.data;
    const b = (await call("POST", "/guardrails", { name: "b" })).body.data;
    await call("POST", `/guardrails/${a.id}/assignments/keys`, { key_hashes: [hash] });
    expect(
      (await call("POST", `/guardrails/${b.id}/assignments/keys`, { key_hashes: [hash] })).body
        .assigned_count,
    ).toBe(1);
    expect((await call("GET", `/guardrails/${a.id}/assignments/keys`)).body.total_count).toBe(0);
    expect(
      (await call("POST", `/guardrails/${a.id}/assignments/keys`, { key_hashes: ["f".repeat(64)] }))
        .status,
    ).toBe(400);
    await call("DELETE", `/guardrails/${b.id}`);
    expect(emulator.state.keyAssignments.size).toBe(0);
  });

  it("keeps the default workspace, and workspaces with keys", async () => {
    expect((await call("DELETE", "/workspaces/default")).status).toBe(403);
    const ws = (await call("POST", "/workspaces", { name: "Ops", slug: "ops" })).body.data;
    expect(
      (await call("POST", "/workspaces", { name: "Ops 2", slug: "ops" })).body.error.message,
    ).toContain("already used");
    await call("POST", "/keys", { name: "k", workspace_id: ws.id });
    expect((await call("DELETE", "/workspaces/ops")).status).toBe(400);
  });

  it("a lifetime budget has no reset interval; budgets and members are per workspace", async () => {
    const res = await call("PUT", "/workspaces/default/budgets/lifetime", { limit_usd: 10 });
    expect(res.body.data.reset_interval).toBeNull();
    expect((await call("PUT", "/workspaces/default/budgets/hourly", { limit_usd: 1 })).status).toBe(
      400,
    );
    expect(
      (await call("POST", "/workspaces/default/members/add", { user_ids: ["user_nobody"] })).status,
    ).toBe(400);
  });

  it("reset({ state: true }) starts a fresh account", async () => {
    await call("POST", "/keys", { name: "k" });
    emulator.reset({ state: true });
    expect(emulator.state.counts()).toEqual({
      keys: 0,
      guardrails: 0,
      workspaces: 1,
      byok: 0,
      keyAssignments: 0,
      memberAssignments: 0,
    });
  });
});

describe("faults", () => {
  it("a status fault matched by operationId answers without touching state", async () => {
    emulator.addFault({
      fault: { type: "status-sequence", statuses: [503] },
      match: { operationId: "createKeys" },
      times: 1,
    });
    const failed = await call("POST", "/keys", { name: "k" });
    expect(failed.status).toBe(503);
    expect(emulator.state.keys.size).toBe(0);
    expect((await call("POST", "/keys", { name: "k" })).status).toBe(201);
  });

  it("takes faults from the x-or-fault header too", async () => {
    const res = await fetch(`${emulator.url}/credits`, {
      headers: {
        authorization: `Bearer ${TEST_KEY}`,
        "x-or-fault": JSON.stringify({ type: "status-sequence", statuses: [429], retryAfter: "1" }),
      },
    });
    expect(res.status).toBe(429);
    expect(emulator.requests.at(-1)?.faults).toHaveLength(1);
  });
});
