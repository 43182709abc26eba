// Lists page through offset/limit (and /keys' offset-only pages) for the caller.
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { AdminArgumentError, paginate, type Admin } from "../src/index";
import { adminFor, startEmulator, checkAndResetEmulator } from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

beforeAll(async () => {
  emulator = await startEmulator({ keysPageSize: 10 });
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

const listRequests = (operationId: string) =>
  emulator.requests.filter((r) => r.operationId === operationId).map((r) => r.query);

async function seedGuardrails(count: number) {
  for (let i = 0; i < count; i++)
    await admin.guardrails.create({ name: `g-${String(i).padStart(3, "0")}` });
  emulator.reset();
}

describe("offset/limit lists", () => {
  it("iterates every item across pages of 100, asking for the next offset each time", async () => {
    await seedGuardrails(230);
    const names: string[] = [];
    for await (const g of admin.guardrails.list()) names.push(g.name);
    expect(names).toHaveLength(230);
    expect(new Set(names).size).toBe(230);
    expect(names[229]).toBe("g-229");
    expect(listRequests("listGuardrails")).toEqual([
      { offset: "0", limit: "100" },
      { offset: "100", limit: "100" },
      { offset: "200", limit: "100" },
    ]);
  });

  it(".pages() yields whole pages with the total count", async () => {
    await seedGuardrails(120);
    const pages = [];
    for await (const page of admin.guardrails.list({ pageSize: 50 }).pages()) pages.push(page);
    expect(pages.map((p) => [p.offset, p.items.length, p.totalCount])).toEqual([
      [0, 50, 120],
      [50, 50, 120],
      [100, 20, 120],
    ]);
  });

  it("stops at `limit` items in total and asks for no more than it needs", async () => {
    await seedGuardrails(120);
    const some = await admin.guardrails.list({ limit: 105, pageSize: 50 }).toArray();
    expect(some).toHaveLength(105);
    expect(listRequests("listGuardrails").map((q) => q.limit)).toEqual(["50", "50", "5"]);
  });

  it("starts at `offset`", async () => {
    await seedGuardrails(30);
    const rest = await admin.guardrails.list({ offset: 25 }).toArray();
    expect(rest.map((g) => g.name)).toEqual(["g-025", "g-026", "g-027", "g-028", "g-029"]);
  });

  it("an empty list costs one request", async () => {
    expect(await admin.guardrails.list().toArray()).toEqual([]);
    expect(listRequests("listGuardrails")).toHaveLength(1);
  });
});

describe("/keys, which takes offset only", () => {
  it("pages by what the server sends and stops at a short page", async () => {
    for (let i = 0; i < 25; i++) await admin.keys.create({ name: `k-${i}` });
    emulator.reset();
    const pages = [];
    for await (const page of admin.keys.list().pages()) pages.push(page.items.length);
    expect(pages).toEqual([10, 10, 5]);
    expect(listRequests("list")).toEqual([{ offset: "0" }, { offset: "10" }, { offset: "20" }]);
  });

  it("needs one empty page to know a full last page was the last", async () => {
    for (let i = 0; i < 20; i++) await admin.keys.create({ name: `k-${i}` });
    emulator.reset();
    expect(await admin.keys.list().toArray()).toHaveLength(20);
    expect(listRequests("list").map((q) => q.offset)).toEqual(["0", "10", "20"]);
  });

  it("honours `limit` without fetching further pages", async () => {
    for (let i = 0; i < 25; i++) await admin.keys.create({ name: `k-${i}` });
    emulator.reset();
    expect((await admin.keys.list({ limit: 12 }).toArray()).map((k) => k.name)).toEqual(
      Array.from({ length: 12 }, (_, i) => `k-${i}`),
    );
    expect(listRequests("list")).toHaveLength(2);
  });
});

describe("arguments", () => {
  it("rejects a bad limit, pageSize or offset before any request", async () => {
    expect(() => admin.guardrails.list({ pageSize: 101 })).toThrow(AdminArgumentError);
    expect(() => admin.guardrails.list({ pageSize: 0 })).toThrow(
      /pageSize must be a whole number from 1 to 100/,
    );
    expect(() => admin.keys.list({ limit: -1 })).toThrow(/limit must be/);
    expect(() => admin.workspaces.list({ offset: 1.5 })).toThrow(/offset must be/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("paginate() is lazy: nothing is fetched until iterated, and limit 0 fetches nothing", async () => {
    let calls = 0;
    const list = paginate(async () => {
      calls += 1;
      return { items: [1, 2, 3], totalCount: 3 };
    });
    expect(calls).toBe(0);
    expect(await list.toArray()).toEqual([1, 2, 3]);
    expect(calls).toBe(1);
    expect(await paginate(async () => ({ items: [1] }), { limit: 0 }).toArray()).toEqual([]);
    expect(calls).toBe(1);
  });
});
