// Account-wide lists read side by side: every item once, in order, one request per page.
import { describe, expect, it } from "vitest";
import { readConcurrently } from "../src/plan/read-concurrently";
import { operations, useEmulator } from "./helpers/emulator";

const t = useEmulator();

describe("readConcurrently", () => {
  it("reads 250 key assignments in 3 requests, in the list's order", async () => {
    const guardrail = await t.admin.guardrails.create({ name: "g" });
    for (let i = 0; i < 250; i++) {
      const { record } = t.emulator.state.addKey({ name: `k-${i}` });
      t.emulator.state.keyAssignments.set(record.hash, {
        id: `10000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        key_hash: record.hash,
        guardrail_id: guardrail.id,
        assigned_by: null,
        created_at: new Date().toISOString(),
      });
    }
    t.emulator.reset();
    let pages = 0;
    const items = await readConcurrently(
      (o) => t.admin.guardrails.allKeyAssignments(o),
      8,
      () => {
        pages += 1;
      },
    );
    expect(items.map((a) => a.key_hash)).toEqual([...t.emulator.state.keyAssignments.keys()]);
    expect(pages).toBe(3);
    expect(operations(t.emulator)).toEqual(Array(3).fill("listKeyAssignments"));
  });

  it("reads an empty list in one request", async () => {
    let pages = 0;
    expect(
      await readConcurrently(
        (o) => t.admin.guardrails.allKeyAssignments(o),
        8,
        () => pages++,
      ),
    ).toEqual([]);
    expect(pages).toBe(1);
  });
});
