// The admin emulator's observability destinations and SCIM group mappings: the API's validation
// rules, masked secrets, and answers the spec accepts.
import { overlaidSpec } from "@or/scripts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAdminEmulator, type AdminEmulator } from "../src/admin-emulator/index";
import type { OpenApiSpec } from "../src/contract/index";
import { TEST_KEY } from "./replay-client";

type Json = Record<string, any>;
let emulator: AdminEmulator;

beforeAll(async () => {
  emulator = await startAdminEmulator({
    spec: (await overlaidSpec()) as OpenApiSpec,
    managementKey: TEST_KEY,
    seed: { scimGroups: [{ display_name: "Engineering", external_id: "eng" }] },
  });
});
afterEach(() => {
  expect(emulator.contractProblems).toEqual([]);
  emulator.reset({ state: true });
});
afterAll(() => emulator.close());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TEST_KEY}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const SECRET = "sk-lf-0123456789-abcdef";

describe("observability destinations", () => {
  it("creates with the type's required config, answers secrets masked, pages", async () => {
    const made = await call("POST", "/observability/destinations", {
      type: "langfuse",
      name: "lf",
      config: { publicKey: "pk-lf-1", secretKey: SECRET },
    });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({
      enabled: true,
      sampling_rate: 1,
      api_key_hashes: null,
      config: { publicKey: "pk-lf-1", secretKey: "sk-l...cdef" },
    });
    expect(JSON.stringify(made.body)).not.toContain(SECRET);
    const list = await call("GET", "/observability/destinations?limit=1");
    expect(list.body).toMatchObject({ total_count: 1, data: [{ name: "lf" }] });
  });

  it("refuses missing config fields, sampling out of range, and hashes of unknown keys", async () => {
    const missing = await call("POST", "/observability/destinations", {
      type: "datadog",
      name: "dd",
      config: { apiKey: "x" },
    });
    expect(missing).toMatchObject({ status: 400 });
    expect(missing.body.error.message).toContain("needs mlApp");
    const rate = await call("POST", "/observability/destinations", {
      type: "webhook",
      name: "w",
      config: { url: "https://example.test" },
      sampling_rate: 0,
    });
    expect(rate.status).toBe(400);
    const hashes = await call("POST", "/observability/destinations", {
      type: "webhook",
      name: "w",
      config: { url: "https://example.test" },
      api_key_hashes: ["f".repeat(64)],
    });
    expect(hashes.body.error.message).toContain("not in this account");
  });

  it("keeps secret config when an update sends it masked or leaves it out", async () => {
    const { body } = await call("POST", "/observability/destinations", {
      type: "langfuse",
      name: "lf",
      config: { publicKey: "pk-lf-1", secretKey: SECRET },
    });
    const id = body.data.id as string;
    await call("PATCH", `/observability/destinations/${id}`, {
      config: { secretKey: "sk-l...cdef", publicKey: "pk-lf-2" },
    });
    expect(emulator.state.observability.get(id)?.config).toEqual({
      publicKey: "pk-lf-2",
      secretKey: SECRET,
    });
  });
});

describe("SCIM group mappings", () => {
  it("maps a group once per workspace, updates the role, and needs keep_members to delete", async () => {
    const [group] = emulator.state.scimGroups.values();
    const groups = await call("GET", "/scim/groups");
    expect(groups.body).toMatchObject({ total_count: 1, data: [{ display_name: "Engineering" }] });
    const body = {
      scim_group_id: group?.id,
      workspace_id: emulator.state.defaultWorkspaceId,
      role: "member",
    };
    const made = await call("POST", "/scim/group-mappings", body);
    expect(made.status).toBe(201);
    expect((await call("POST", "/scim/group-mappings", body)).status).toBe(409);
    const id = made.body.data.id as string;
    expect(
      (await call("PATCH", `/scim/group-mappings/${id}`, { role: "admin" })).body.data.role,
    ).toBe("admin");
    expect((await call("DELETE", `/scim/group-mappings/${id}`)).status).toBe(400);
    expect((await call("DELETE", `/scim/group-mappings/${id}?keep_members=false`)).status).toBe(
      200,
    );
    expect(emulator.state.scimMappings.size).toBe(0);
  });
});
