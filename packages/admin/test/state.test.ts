// Reading a desired state: YAML or JSON, every bad input reported with its line:column before
// any request is sent.
import { readFileSync } from "node:fs";
import type { AdminEmulator } from "@or/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkState, parseState, StateError, stateSchema, type StateIssue } from "../src/index";
import { adminFor, startEmulator } from "./helpers/emulator";

const example = readFileSync(new URL("../examples/state.yaml", import.meta.url), "utf8");

/** The issues of a text that must not parse. */
function issuesOf(text: string): StateIssue[] {
  try {
    parseState(text, { file: "state.yaml" });
  } catch (error) {
    expect(error).toBeInstanceOf(StateError);
    return (error as StateError).issues;
  }
  throw new Error("expected a StateError");
}

describe("good input", () => {
  it("reads the example state", () => {
    const state = parseState(example);
    expect(state.workspaces?.map((w) => w.slug)).toEqual(["default", "research"]);
    expect(state.keys?.find((k) => k.name === "legacy-integration")).toEqual({
      name: "legacy-integration",
      disabled: true,
      guardrail: null,
    });
  });

  it("reads JSON as well, to the same state", () => {
    const json = JSON.stringify(parseState(example), null, 2);
    expect(parseState(json, { file: "state.json" })).toEqual(parseState(example));
  });

  it("publishes its JSON Schema", () => {
    expect(stateSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(stateSchema.properties)).toEqual([
      "$schema",
      "version",
      "workspaces",
      "guardrails",
      "keys",
      "byok",
      "observability",
      "scim_group_mappings",
    ]);
  });
});

describe("bad input, with positions", () => {
  it("an unknown field: its position, and the field it probably meant", () => {
    const issues = issuesOf("keys:\n  - name: ci\n    limt: 5\n");
    expect(issues).toEqual([
      {
        path: "keys[0].limt",
        message: 'unknown field "limt" (did you mean "limit"?)',
        line: 3,
        column: 5,
      },
    ]);
  });

  it("an unknown top-level field lists the known ones", () => {
    const [issue] = issuesOf("version: 1\nkeyz: []\n");
    expect(issue).toMatchObject({ line: 2, column: 1 });
    expect(issue?.message).toBe('unknown field "keyz" (did you mean "keys"?)');
    expect(issuesOf("zzzzzz: 1\n")[0]?.message).toContain(
      "known fields: $schema, version, workspaces, guardrails, keys",
    );
  });

  it("a guardrail name used twice points at the second and says where the first is", () => {
    const issues = issuesOf("guardrails:\n  - name: strict\n  - name: loose\n  - name: strict\n");
    expect(issues).toEqual([
      {
        path: "guardrails[2].name",
        message: 'guardrail name "strict" is used twice (first at 2:11)',
        line: 4,
        column: 11,
      },
    ]);
  });

  it("key names and workspace slugs must be unique too", () => {
    const text = "workspaces:\n  - slug: a\n  - slug: a\nkeys:\n  - name: k\n  - name: k\n";
    expect(issuesOf(text).map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '3:11 workspace slug "a" is used twice (first at 2:11)',
      '6:11 key name "k" is used twice (first at 5:11)',
    ]);
  });

  it("a key referring to a missing guardrail", () => {
    const text = "guardrails:\n  - name: strict\nkeys:\n  - name: ci\n    guardrail: stritc\n";
    expect(issuesOf(text)).toEqual([
      {
        path: "keys[0].guardrail",
        message:
          'refers to guardrail "stritc", which the file does not define under guardrails (did you mean "strict"?)',
        line: 5,
        column: 16,
      },
    ]);
  });

  it("a reference to a workspace the file does not list", () => {
    const [issue] = issuesOf("keys:\n  - name: ci\n    workspace: research\n");
    expect(issue).toMatchObject({ line: 3, column: 16, path: "keys[0].workspace" });
    expect(issue?.message).toContain('workspace "research"');
  });

  it("a YAML syntax error", () => {
    const issues = issuesOf("keys:\n  - name: ci\n    limit: [1, 2\n");
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/^syntax error: /);
    expect(issues[0]?.line).toBe(4);
  });

  it("a JSON syntax error", () => {
    const [issue] = issuesOf('{\n  "keys": [\n    {"name": "ci" "limit": 3}\n  ]\n}');
    expect(issue?.message).toMatch(/^syntax error/);
    expect(issue?.line).toBe(3);
  });

  it("a field given twice in one mapping", () => {
    expect(issuesOf("keys:\n  - name: a\n    name: b\n")).toEqual([
      { path: "", message: "syntax error: Map keys must be unique", line: 3, column: 5 },
    ]);
  });

  it("wrong types and values, all at once, in file order", () => {
    const text =
      "keys:\n  - name: a\n    limit: cheap\n    limit_reset: hourly\n  - limit: 4\nworkspaces:\n  - slug: Not_A_Slug\n";
    expect(issuesOf(text).map((i) => `${i.line}:${i.column} ${i.path} ${i.message}`)).toEqual([
      "3:12 keys[0].limit must be number or null",
      '4:18 keys[0].limit_reset must be one of "daily", "weekly", "monthly", null',
      '5:5 keys[1] missing required field "name"',
      "7:11 workspaces[0].slug must be lowercase letters and digits, in words joined by single hyphens",
    ]);
  });

  it("reports schema problems and reference problems together", () => {
    const text =
      "guardrails:\n  - name: strict\n  - name: strict\nkeys:\n  - name: ci\n    limt: 5\n    guardrail: stirct\n";
    expect(issuesOf(text).map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '3:11 guardrail name "strict" is used twice (first at 2:11)',
      '6:5 unknown field "limt" (did you mean "limit"?)',
      '7:16 refers to guardrail "stirct", which the file does not define under guardrails (did you mean "strict"?)',
    ]);
  });

  it("the error message lists every issue as file:line:column", () => {
    try {
      parseState("keys:\n  - name: ci\n    limt: 5\n", { file: "state.yaml" });
    } catch (error) {
      expect((error as Error).message).toBe(
        'state.yaml has a problem:\n  state.yaml:3:5: keys[0].limt: unknown field "limt" (did you mean "limit"?)',
      );
    }
    expect.assertions(1);
  });

  it("checkState reports paths (no positions) for states built in code", () => {
    expect(() => checkState({ keys: [{ name: "a", guardrail: "none" }] })).toThrow(
      /keys\[0\]\.guardrail: refers to guardrail "none"/,
    );
  });
});

describe("before any request", () => {
  let emulator: AdminEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it("plan() rejects a bad state without sending anything", async () => {
    const admin = adminFor(emulator);
    const bad = { guardrails: [{ name: "g" }, { name: "g" }] };
    await expect(admin.plan(bad)).rejects.toBeInstanceOf(StateError);
    expect(emulator.requests).toEqual([]);
  });
});
