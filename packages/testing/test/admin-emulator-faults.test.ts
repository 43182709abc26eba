// The admin emulator's faults against the account: a status fault answers instead of the
// operation; a transport fault hits the answer of an operation that was done. Step faults and
// holds place them at the n-th request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAdminEmulator, type AdminEmulator } from "../src/admin-emulator/index";
import { TEST_KEY } from "./replay-client";

let emulator: AdminEmulator;

beforeAll(async () => {
  emulator = await startAdminEmulator({ managementKey: TEST_KEY });
});
afterEach(() => emulator.reset({ state: true }));
afterAll(() => emulator.close());

const headers = { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" };
const createKey = (name: string) =>
  fetch(`${emulator.url}/keys`, { method: "POST", headers, body: JSON.stringify({ name }) });
const listKeys = () => fetch(`${emulator.url}/keys`, { headers }).then((r) => r.json());

describe("transport faults act after the operation", () => {
  it("reset-before-headers: the client gets no answer, the key exists", async () => {
    emulator.addFault({
      fault: { type: "reset-before-headers" },
      match: { operationId: "createKeys" },
    });
    await expect(createKey("ci")).rejects.toThrow();
    expect([...emulator.state.keys.values()].map((k) => k.name)).toEqual(["ci"]);
  });

  it("reset-mid-stream: 201 and half a body, the key exists", async () => {
    emulator.addFault({
      fault: { type: "reset-mid-stream" },
      match: { operationId: "createKeys" },
    });
    const res = await createKey("ci");
    expect(res.status).toBe(201);
    await expect(res.text()).rejects.toThrow();
    expect(emulator.state.keys.size).toBe(1);
  });
});

describe("step faults", () => {
  it("hit the request numbered `at` and its retries (same method and path), nothing else", async () => {
    emulator.addStepFault({ at: 1, fault: { type: "status-sequence", statuses: [500] }, times: 2 });
    expect((await createKey("a")).status).toBe(201); // request 0
    expect((await createKey("b")).status).toBe(500); // request 1: the fault, nothing created
    expect((await fetch(`${emulator.url}/keys`, { headers })).status).toBe(200); // another path
    expect((await createKey("b")).status).toBe(500); // the retry
    expect((await createKey("b")).status).toBe(201); // past `times`
    expect([...emulator.state.keys.values()].map((k) => k.name)).toEqual(["a", "b"]);
  });

  it("reject a bad position or count, naming it", () => {
    expect(() =>
      emulator.addStepFault({ at: -1, fault: { type: "reset-before-headers" } }),
    ).toThrow(/StepFault.at must be a whole number/);
    expect(() =>
      emulator.addStepFault({ at: 0, times: 0, fault: { type: "reset-before-headers" } }),
    ).toThrow(/StepFault.times/);
  });
});

describe("hold", () => {
  it("keeps the request numbered `at` before the operation until released", async () => {
    const held = emulator.hold(0);
    const answer = createKey("ci");
    await held.arrived;
    expect(emulator.state.keys.size).toBe(0);
    held.release();
    expect((await answer).status).toBe(201);
    expect(emulator.state.keys.size).toBe(1);
    expect((await listKeys()).data).toHaveLength(1);
  });

  it("reset() lets a held request go on", async () => {
    const held = emulator.hold(0);
    const answer = createKey("ci");
    await held.arrived;
    emulator.reset();
    expect((await answer).status).toBe(201);
  });
});
