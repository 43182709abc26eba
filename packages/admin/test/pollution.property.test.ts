// Prototype pollution: state files and API answers with __proto__, constructor and prototype
// as keys and names at every level go through the same functions as real ones (parse, check,
// plan, render, apply's refs) and leave Object.prototype, Array.prototype and built-ins untouched.
import fc from "fast-check";
import { stringify } from "yaml";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { AdminResources } from "../src/admin-resources";
import {
  checkState,
  makePlan,
  paginate,
  parseState,
  renderPlan,
  type ApiKey,
  type DesiredState,
} from "../src/index";
import {
  builtinsSnapshot,
  DANGEROUS_NAMES,
  expectBuiltinsUntouched,
  hostileObjectText,
  hostileStateText,
} from "./helpers/hostile-json";
import { adminFor, checkAndResetEmulator, startEmulator } from "./helpers/emulator";

const RUNS = 1000;

/** Tries `work`, ignoring the typed errors bad input is meant to raise. */
function tolerate(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof Error) || !/StateError|PlanError/.test(error.name)) throw error;
  }
}

describe("hostile state files", () => {
  it(`parseState (JSON and YAML) and checkState, ${RUNS} runs`, () => {
    const before = builtinsSnapshot();
    fc.assert(
      fc.property(fc.oneof(hostileStateText, hostileObjectText), (text) => {
        tolerate(() => parseState(text));
        tolerate(() => parseState(stringify(JSON.parse(text))));
        tolerate(() => checkState(JSON.parse(text) as DesiredState));
        expectBuiltinsUntouched(before);
      }),
      { numRuns: RUNS },
    );
  });
});

const NAME = fc.oneof(fc.constantFrom(...DANGEROUS_NAMES), fc.constantFrom("ci", "web"));
const hex = (n: number) => n.toString(16).padStart(64, "0");

/** An admin whose lists answer `account` in-process: the planner's own code reads them. */
function accountAdmin(account: { keys: ApiKey[]; extra: unknown }): AdminResources {
  const list = <T>(items: T[]) =>
    paginate(async (offset) => ({ items: offset === 0 ? items : [] }), {}, true);
  const workspace = { id: "ws-default", slug: "default", name: "Default", extra: account.extra };
  return {
    workspaces: {
      list: () => list([workspace]),
      budgets: { list: async () => ({ data: [] }) },
      members: { list: () => list([]) },
    },
    guardrails: {
      list: () => list([]),
      allKeyAssignments: () => list([]),
      allMemberAssignments: () => list([]),
    },
    keys: { list: () => list(account.keys) },
  } as unknown as AdminResources;
}

describe("hostile API answers", () => {
  it(`plan and render with keys named __proto__/constructor/prototype and hostile fields, ${RUNS} runs`, async () => {
    const before = builtinsSnapshot();
    const account = fc.record({
      keys: fc.array(
        fc
          .tuple(NAME, fc.boolean(), fc.nat(), hostileObjectText)
          .map(([name, disabled, n, extra]) => ({
            ...(JSON.parse(`{"extra":${extra}}`) as object),
            name,
            disabled,
            hash: hex(n),
            workspace_id: "ws-default",
            limit: null,
          })),
        { maxLength: 4 },
      ),
      extra: hostileObjectText.map((t) => JSON.parse(t) as unknown),
      wanted: fc.uniqueArray(NAME, { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(account, async ({ keys, extra, wanted }) => {
        const admin = accountAdmin({ keys: keys as unknown as ApiKey[], extra });
        const state: DesiredState = {
          version: 1,
          keys: wanted.map((name) => ({ name, limit: 1 })),
        };
        try {
          const plan = await makePlan(admin, state);
          renderPlan(plan);
          JSON.stringify(plan);
          for (const name of wanted) {
            const own = Object.hasOwn(plan.refs.keys, name);
            const step = plan.steps.some((s) => s.address === `key "${name}"`);
            expect(own || step).toBe(true);
          }
        } catch (error) {
          if (!(error instanceof Error) || error.name !== "PlanError") throw error;
        }
        expectBuiltinsUntouched(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("names that are Object.prototype's own, end to end", () => {
  let emulator: AdminEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  checkAndResetEmulator(() => emulator);

  it("apply resolves guardrails and keys named __proto__, constructor, prototype to their own ids", async () => {
    const admin = adminFor(emulator);
    const before = builtinsSnapshot();
    const state: DesiredState = {
      version: 1,
      guardrails: DANGEROUS_NAMES.map((name) => ({ name, limit_usd: 1 })),
      keys: DANGEROUS_NAMES.map((name, i) => ({
        name,
        guardrail: DANGEROUS_NAMES[(i + 1) % 3]!,
      })),
    };
    await admin.apply(await admin.plan(state));
    expect((await admin.plan(state)).steps).toEqual([]);
    const guardrailOf = (name: string) =>
      [...emulator.state.guardrails.values()].find((g) => g.name === name)!.id;
    for (const [i, name] of DANGEROUS_NAMES.entries()) {
      const key = [...emulator.state.keys.values()].find((k) => k.name === name)!;
      expect(emulator.state.keyAssignments.get(key.hash)?.guardrail_id).toBe(
        guardrailOf(DANGEROUS_NAMES[(i + 1) % 3]!),
      );
    }
    expectBuiltinsUntouched(before);
  });
});
