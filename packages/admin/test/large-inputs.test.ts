// Sizes that once overflowed the stack (spreading a large array into a call): plans and tables
// of hundreds of thousands of rows render.
import { describe, expect, it } from "vitest";
import { renderTable } from "../src/cli/table";
import { paginate, renderPlan, type Plan, type PlanStep } from "../src/index";

const STEPS = 200_000;

describe("large inputs", () => {
  it(`renderPlan renders ${STEPS} steps`, () => {
    const step: PlanStep = {
      action: "create",
      kind: "key",
      address: 'key "k"',
      changes: [{ field: "limit", to: 1 }],
      phase: 4,
      operation: { type: "createKey", body: { name: "k" }, disable: false },
    };
    const plan: Plan = {
      steps: Array.from({ length: STEPS }, () => step),
      summary: { create: STEPS, update: 0, delete: 0 },
      prune: false,
      unmanaged: [],
      retiredKeys: [],
      refs: { workspaces: {}, guardrails: {}, keys: {} },
    };
    const text = renderPlan(plan);
    expect(text.split("\n")).toHaveLength(2 + STEPS * 2);
  });

  it(`renderTable sizes columns over ${STEPS} rows`, () => {
    const rows = Array.from({ length: STEPS }, (_, i) => [i === 7 ? "widest-name" : "k", "x"]);
    const lines = renderTable(["name", "x"], rows).split("\n");
    expect(lines).toHaveLength(STEPS + 1);
    expect(lines[0]).toBe("NAME         X");
  });

  it(`toArray collects a page of ${STEPS} items`, async () => {
    const list = paginate(
      async (offset) => ({ items: offset === 0 ? Array.from({ length: STEPS }, (_, i) => i) : [] }),
      {},
      true,
    );
    expect(await list.toArray()).toHaveLength(STEPS);
  });
});
