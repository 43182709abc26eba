// The classification table: one small mutation of the synthetic spec per rule, and the exact
// rules it must produce. The README's table is checked against RULES too.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { rulesTable } from "../src/diff/rules-table.ts";
import { RULES, type RuleId } from "../src/diff/rules.ts";
import { allChanges, diffDocs } from "./fixtures/diff/diff-docs.ts";
import { syntheticSpec } from "./fixtures/diff/synthetic-spec.ts";

type Spec = ReturnType<typeof syntheticSpec>;
type Mutation = (spec: Spec) => void;

const schemas = (s: Spec) => s.components.schemas;
const widget = (s: Spec) => schemas(s).Widget.properties;
const create = (s: Spec) => schemas(s).WidgetCreate.properties;
const listWidgets = (s: Spec) => s.paths["/widgets"].get;
const createWidget = (s: Spec) => s.paths["/widgets"].post;
const okBody = {
  description: "ok",
  content: { "application/json": { schema: { type: "object" } } },
};

/** rule → [mutation, every rule the diff must report (the rule itself included)]. */
const CASES: Record<RuleId, [Mutation, RuleId[]]> = {
  "operation-added": [
    (s) =>
      (s.paths["/gadgets"] = { get: { operationId: "listGadgets", responses: { "200": okBody } } }),
    ["operation-added"],
  ],
  "operation-removed": [(s) => delete s.paths["/keys"], ["operation-removed"]],
  "operation-id-changed": [
    (s) => (listWidgets(s).operationId = "getWidgets"),
    ["operation-id-changed"],
  ],
  "parameter-added-optional": [
    (s) =>
      listWidgets(s).parameters.push({ in: "query", name: "offset", schema: { type: "integer" } }),
    ["parameter-added-optional"],
  ],
  "parameter-added-required": [
    (s) =>
      listWidgets(s).parameters.push({
        in: "query",
        name: "shop",
        required: true,
        schema: { type: "string" },
      }),
    ["parameter-added-required"],
  ],
  "parameter-removed": [(s) => listWidgets(s).parameters.splice(0, 1), ["parameter-removed"]],
  "parameter-made-required": [
    (s) => (listWidgets(s).parameters[0].required = true),
    ["parameter-made-required"],
  ],
  "parameter-made-optional": [
    (s) => (listWidgets(s).parameters[1].required = false),
    ["parameter-made-optional"],
  ],
  "request-body-added-optional": [
    (s) =>
      (s.paths["/widgets/{id}"].get.requestBody = {
        content: { "application/json": { schema: { type: "object" } } },
      }),
    ["request-body-added-optional"],
  ],
  "request-body-added-required": [
    (s) =>
      (s.paths["/widgets/{id}"].get.requestBody = {
        required: true,
        content: { "application/json": { schema: { type: "object" } } },
      }),
    ["request-body-added-required"],
  ],
  "request-body-removed": [(s) => delete createWidget(s).requestBody, ["request-body-removed"]],
  "request-body-made-required": [
    (s) => (s.paths["/chat"].post.requestBody.required = true),
    ["request-body-made-required"],
  ],
  "request-body-made-optional": [
    (s) => (createWidget(s).requestBody.required = false),
    ["request-body-made-optional"],
  ],
  "request-media-type-added": [
    (s) =>
      (createWidget(s).requestBody.content["application/yaml"] = { schema: { type: "string" } }),
    ["request-media-type-added"],
  ],
  "request-media-type-removed": [
    (s) => delete createWidget(s).requestBody.content["multipart/form-data"],
    ["request-media-type-removed"],
  ],
  "response-status-added-success": [
    (s) => (createWidget(s).responses["202"] = okBody),
    ["response-status-added-success"],
  ],
  "response-status-removed-success": [
    (s) => delete s.paths["/keys"].get.responses["200"],
    ["response-status-removed-success"],
  ],
  "response-status-added-error": [
    (s) => (s.paths["/widgets/{id}"].get.responses["404"] = okBody),
    ["response-status-added-error"],
  ],
  "response-status-removed-error": [
    (s) => delete listWidgets(s).responses["401"],
    ["response-status-removed-error"],
  ],
  "response-media-type-added": [
    (s) => (listWidgets(s).responses["200"].content["text/csv"] = { schema: { type: "string" } }),
    ["response-media-type-added"],
  ],
  "response-media-type-removed": [
    (s) => delete s.paths["/chat"].post.responses["200"].content["text/event-stream"],
    ["response-media-type-removed"],
  ],
  "request-property-added-optional": [
    (s) => (create(s).weight = { type: "number" }),
    ["request-property-added-optional"],
  ],
  "request-property-added-required": [
    (s) => {
      create(s).weight = { type: "number" };
      schemas(s).WidgetCreate.required.push("weight");
    },
    ["request-property-added-required"],
  ],
  "request-property-removed": [(s) => delete create(s).note, ["request-property-removed"]],
  "request-property-made-required": [
    (s) => schemas(s).WidgetCreate.required.push("size"),
    ["request-property-made-required"],
  ],
  "request-property-made-optional": [
    (s) => (schemas(s).WidgetCreate.required = []),
    ["request-property-made-optional"],
  ],
  "response-property-added": [
    (s) => (widget(s).weight = { type: "number" }),
    ["response-property-added"],
  ],
  "response-property-removed": [(s) => delete widget(s).label, ["response-property-removed"]],
  "response-property-made-optional": [
    (s) => (schemas(s).Widget.required = ["id", "kind"]),
    ["response-property-made-optional"],
  ],
  "response-property-made-required": [
    (s) => schemas(s).Widget.required.push("label"),
    ["response-property-made-required"],
  ],
  "request-type-widened": [
    (s) => (create(s).note.type = ["string", "null"]),
    ["request-type-widened"],
  ],
  "request-type-changed": [(s) => (create(s).size.type = "string"), ["request-type-changed"]],
  "response-type-narrowed": [(s) => (widget(s).label.type = "string"), ["response-type-narrowed"]],
  "response-type-changed": [(s) => (widget(s).size.type = "string"), ["response-type-changed"]],
  "request-enum-value-added": [
    (s) => create(s).finish.enum.push("brushed"),
    ["request-enum-value-added"],
  ],
  "request-enum-value-removed-closed": [
    (s) => (create(s).level.enum = [1, 2]),
    ["request-enum-value-removed-closed"],
  ],
  "request-enum-value-removed-open": [
    (s) => (create(s).finish.enum = ["matte", "gloss"]),
    ["request-enum-value-removed-open"],
  ],
  "response-enum-value-added-open": [
    (s) => widget(s).status.enum.push("archived"),
    ["response-enum-value-added-open"],
  ],
  "response-enum-value-added-closed": [
    (s) => widget(s).shape.enum.push("square"),
    ["response-enum-value-added-closed"],
  ],
  "response-enum-value-removed": [
    (s) => (widget(s).status.enum = ["active"]),
    ["response-enum-value-removed"],
  ],
  "request-enum-dropped": [(s) => delete create(s).finish.enum, ["request-enum-dropped"]],
  "request-enum-introduced-open": [
    (s) => (create(s).note.enum = ["short", "long"]),
    ["request-enum-introduced-open"],
  ],
  "request-enum-introduced-closed": [
    (s) => (create(s).note.enum = ["short"]),
    ["request-enum-introduced-closed"],
  ],
  "response-enum-dropped-open": [
    (s) => delete widget(s).status.enum,
    ["response-enum-dropped-open"],
  ],
  "response-enum-dropped-closed": [
    (s) => delete widget(s).shape.enum,
    ["response-enum-dropped-closed"],
  ],
  "response-enum-introduced": [
    (s) => (widget(s).name.enum = ["a", "b"]),
    ["response-enum-introduced"],
  ],
  "request-variant-added": [
    (s) =>
      create(s).payload.oneOf.push({
        type: "object",
        properties: { type: { const: "video" }, src: { type: "string" } },
      }),
    ["request-variant-added"],
  ],
  "request-variant-removed": [(s) => create(s).payload.oneOf.pop(), ["request-variant-removed"]],
  "response-variant-added": [
    (s) => widget(s).owner.anyOf.push({ type: "object", properties: { type: { const: "bot" } } }),
    ["response-variant-added"],
  ],
  "response-variant-removed": [(s) => widget(s).owner.anyOf.pop(), ["response-variant-removed"]],
  "schema-added": [
    (s) => (schemas(s).Gadget = { type: "object", properties: { id: { type: "string" } } }),
    ["schema-added"],
  ],
  "schema-removed": [(s) => delete schemas(s).Legacy, ["schema-removed"]],
  "schema-renamed": [
    (s) => {
      schemas(s).LegacyRecord = schemas(s).Legacy;
      delete schemas(s).Legacy;
    },
    ["schema-renamed"],
  ],
};

describe("classification rules, one spec mutation each", () => {
  test("every rule has a case", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(RULES).sort());
  });

  test.each(Object.entries(CASES) as [RuleId, [Mutation, RuleId[]]][])(
    "%s",
    (rule, [mutate, expected]) => {
      const before = syntheticSpec();
      const after = syntheticSpec();
      mutate(after);
      const diff = diffDocs(before, after);
      const changes = allChanges(diff);
      expect(changes.map((c) => c.rule).sort()).toEqual([...expected].sort());
      const change = changes.find((c) => c.rule === rule)!;
      expect(change.level).toBe(RULES[rule].level);
      expect(change.breaking).toBe(RULES[rule].level === "major");
      expect(diff.breaking.includes(change)).toBe(change.breaking);
      expect(diff.bump["@or/types"]).toBe(RULES[rule].level);
    },
  );

  test("no mutation, no change", () => {
    const diff = diffDocs(syntheticSpec(), syntheticSpec());
    expect(allChanges(diff)).toEqual([]);
    expect(diff.identical).toBe(true);
  });
});

describe("the README's table", () => {
  test("lists every rule exactly as RULES says", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(rulesTable());
    for (const rule of Object.keys(RULES)) expect(readme).toContain(`\`${rule}\``);
  });
});
