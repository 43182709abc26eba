// How the diff walks documents: shared and recursive schemas, renames, unions, overlays,
// package scopes, and the JSON and Markdown it produces.
import { describe, expect, test } from "vitest";
import { renderMarkdown } from "../src/diff/markdown.ts";
import { allChanges, diffDocs } from "./fixtures/diff/diff-docs.ts";
import { syntheticSpec } from "./fixtures/diff/synthetic-spec.ts";

type Spec = ReturnType<typeof syntheticSpec>;
const mutated = (mutate: (s: Spec) => void) => {
  const spec = syntheticSpec();
  mutate(spec);
  return diffDocs(syntheticSpec(), spec);
};
const byRule = (diff: ReturnType<typeof diffDocs>, rule: string) =>
  allChanges(diff).filter((c) => c.rule === rule);

describe("schemas shared by several operations", () => {
  test("a change is reported once per side, with every operation it reaches", () => {
    const diff = mutated((s) => s.components.schemas.Color.enum.push("teal"));
    const changes = allChanges(diff);
    expect(changes.map((c) => `${c.rule} ${c.location}`).sort()).toEqual([
      "request-enum-value-added Color",
      "response-enum-value-added-open Color",
    ]);
    const request = changes.find((c) => c.side === "request")!;
    const response = changes.find((c) => c.side === "response")!;
    expect(request.operations).toEqual(["GET /widgets", "POST /widgets"]);
    expect(response.operations).toEqual(["GET /widgets", "GET /widgets/{id}", "POST /widgets"]);
    expect(request.values).toEqual(["teal"]);
  });

  test("a recursive schema is compared once and the walk ends", () => {
    const diff = mutated((s) => (s.components.schemas.Part.properties.weight = { type: "number" }));
    expect(allChanges(diff).map((c) => c.location)).toEqual(["Part.weight"]);
    expect(allChanges(diff)[0]!.operations).toEqual([
      "GET /widgets",
      "GET /widgets/{id}",
      "POST /widgets",
    ]);
  });

  test("a cycle through a union of itself terminates too", () => {
    const before = syntheticSpec();
    before.components.schemas.Loop = {
      anyOf: [{ $ref: "#/components/schemas/Loop" }, { type: "string" }],
    };
    before.components.schemas.Widget.properties.loop = { $ref: "#/components/schemas/Loop" };
    const after = structuredClone(before);
    after.components.schemas.Loop.anyOf.push({ type: "integer" });
    const changes = allChanges(diffDocs(before, after));
    expect(changes.map((c) => `${c.rule} ${c.location} ${c.message}`)).toEqual([
      "response-type-changed Loop type string → string | number",
    ]);
  });
});

describe("locations", () => {
  test("inline request schemas, parameters and path-level parameters are named by operation", () => {
    const diff = mutated((s) => {
      s.paths["/widgets/{id}"].parameters[0].schema = { type: "integer" };
      s.paths["/widgets"].get.parameters[0].schema = { type: ["integer", "null"] };
      s.paths["/keys"].get.responses["200"].content["application/json"].schema.properties.total = {
        type: "integer",
      };
    });
    expect(
      allChanges(diff)
        .map((c) => `${c.rule} ${c.location}`)
        .sort(),
    ).toEqual([
      "request-type-changed GET /widgets/{id} path.id",
      "request-type-widened GET /widgets query.limit",
      "response-property-added GET /keys 200.total",
    ]);
  });

  test("parameters given as references to components are compared", () => {
    const before = syntheticSpec();
    before.components.parameters = {
      Limit: { in: "query", name: "limit", schema: { type: "integer" } },
    };
    before.paths["/widgets"].get.parameters[0] = { $ref: "#/components/parameters/Limit" };
    const after = structuredClone(before);
    after.components.parameters!.Limit.required = true;
    expect(allChanges(diffDocs(before, after)).map((c) => `${c.rule} ${c.location}`)).toEqual([
      "parameter-made-required GET /widgets query.limit",
    ]);
  });

  test("non-JSON media types are named in the location", () => {
    const diff = mutated(
      (s) => (s.components.schemas.ChatChunk.properties.index = { type: "integer" }),
    );
    expect(allChanges(diff).map((c) => c.location)).toEqual(["ChatChunk.index"]);
    const inline = mutated((s) => {
      s.paths["/chat"].post.responses["200"].content["text/event-stream"].schema = {
        type: "string",
      };
    });
    expect(allChanges(inline).map((c) => `${c.location} ${c.message}`)).toEqual([
      "POST /chat 200[text/event-stream] type object → string",
    ]);
  });
});

describe("allOf", () => {
  const withBase = () => {
    const spec = syntheticSpec();
    spec.components.schemas.Event = {
      type: "object",
      required: ["type"],
      properties: { type: { type: "string" }, item: { type: "object" } },
    };
    spec.components.schemas.ItemAdded = {
      allOf: [
        { $ref: "#/components/schemas/Event" },
        { properties: { item: { $ref: "#/components/schemas/Key" } }, type: "object" },
      ],
    };
    spec.paths["/keys"].get.responses["200"].content["application/json"].schema = {
      $ref: "#/components/schemas/ItemAdded",
    };
    return spec;
  };

  test("a property redefined in a later part is compared as redefined", () => {
    const after = withBase();
    after.components.schemas.Key.properties.created = { type: "integer" };
    expect(allChanges(diffDocs(withBase(), after)).map((c) => c.location)).toEqual(["Key.created"]);
  });

  test("a change in the shared base is reported under the base's name, once", () => {
    const after = withBase();
    after.components.schemas.Event.properties.at = { type: "integer" };
    expect(allChanges(diffDocs(withBase(), after)).map((c) => `${c.rule} ${c.location}`)).toEqual([
      "response-property-added Event.at",
    ]);
  });
});

describe("unions", () => {
  test("members are matched by reference, not by position", () => {
    const diff = mutated((s) => {
      const owner = s.components.schemas.Widget.properties.owner;
      owner.anyOf = [
        { type: "object", properties: { type: { const: "bot" } } },
        ...owner.anyOf.reverse(),
      ];
    });
    expect(allChanges(diff).map((c) => `${c.rule} ${c.location}`)).toEqual([
      "response-variant-added Widget.owner<type=bot>",
    ]);
  });

  test("members are matched by their discriminator value when inline", () => {
    const before = syntheticSpec();
    const inline = (type: string, extra: object) => ({
      type: "object",
      properties: { type: { type: "string", enum: [type] }, ...extra },
    });
    before.components.schemas.WidgetCreate.properties.payload.oneOf = [
      inline("text", { text: { type: "string" } }),
      inline("image", { url: { type: "string" } }),
    ];
    const after = structuredClone(before);
    after.components.schemas.WidgetCreate.properties.payload.oneOf.reverse();
    after.components.schemas.WidgetCreate.properties.payload.oneOf[0].properties.alt = {
      type: "string",
    };
    expect(allChanges(diffDocs(before, after)).map((c) => `${c.rule} ${c.location}`)).toEqual([
      "request-property-added-optional WidgetCreate.payload<type=image>.alt",
    ]);
  });

  test("a nullable wrapper is a type change, not a new member", () => {
    const diff = mutated((s) => {
      const schemas = s.components.schemas;
      schemas.Widget.properties.color = {
        anyOf: [{ $ref: "#/components/schemas/Color" }, { type: "null" }],
      };
    });
    expect(allChanges(diff).map((c) => `${c.rule} ${c.location} ${c.message}`)).toEqual([
      "response-type-changed Widget.color type string → string | null",
    ]);
  });
});

describe("nullability, as the generator reads it", () => {
  test("OpenAPI 3.0's nullable: true and a 3.1 type array are the same type", () => {
    const before = syntheticSpec();
    before.components.schemas.Widget.properties.size = { type: "integer", nullable: true };
    const after = syntheticSpec();
    after.components.schemas.Widget.properties.size = { type: ["integer", "null"] };
    expect(allChanges(diffDocs(before, after))).toEqual([]);
  });

  test("allOf [X, { nullable: true }] beside anyOf [X, null]: the same member, only the type changes", () => {
    const color = { $ref: "#/components/schemas/Color" };
    const before = syntheticSpec();
    before.components.schemas.WidgetCreate.properties.color = {
      allOf: [color, { nullable: true }],
    };
    const after = syntheticSpec();
    after.components.schemas.WidgetCreate.properties.color = { anyOf: [color, { type: "null" }] };
    expect(
      allChanges(diffDocs(before, after)).map((c) => `${c.rule} ${c.location} ${c.message}`),
    ).toEqual(["request-type-widened WidgetCreate.color type string → string | null"]);
  });

  test("a description beside a single allOf reference is the reference itself", () => {
    const before = syntheticSpec();
    before.components.schemas.Widget.properties.color = {
      allOf: [{ $ref: "#/components/schemas/Color" }],
      description: "Its color.",
    };
    expect(allChanges(diffDocs(before, syntheticSpec()))).toEqual([]);
  });
});

describe("open and closed enums come from the open-enums overlay", () => {
  test("two string values make an enum open, one value or non-strings keep it closed", () => {
    const diff = mutated((s) => {
      const w = s.components.schemas.Widget.properties;
      w.status.enum.push("archived"); // ["active", "retired"]: open
      w.shape.enum.push("square"); // ["round"]: a tag, closed
      w.rank = { type: "integer", enum: [1, 2] };
    });
    const rules = Object.fromEntries(allChanges(diff).map((c) => [c.location, c.rule]));
    expect(rules).toEqual({
      "Widget.status": "response-enum-value-added-open",
      "Widget.shape": "response-enum-value-added-closed",
      "Widget.rank": "response-property-added",
    });
  });

  test("the nullable-fields overlay is applied to both sides", () => {
    const before = syntheticSpec();
    before.components.schemas.TopProviderInfo = {
      type: "object",
      properties: { context_length: { type: "integer" } },
    };
    before.components.schemas.Widget.properties.top = {
      $ref: "#/components/schemas/TopProviderInfo",
    };
    const after = structuredClone(before);
    // Upstream fixes the defect the overlay patches: the types do not change.
    after.components.schemas.TopProviderInfo.properties.context_length.type = ["integer", "null"];
    expect(allChanges(diffDocs(before, after))).toEqual([]);
  });
});

describe("renames", () => {
  test("the same shape under a new name, references updated", () => {
    const after = syntheticSpec();
    const s = after.components.schemas;
    s.Account = s.Key;
    delete s.Key;
    after.paths["/keys"].get.responses["200"].content[
      "application/json"
    ].schema.properties.data.items = {
      $ref: "#/components/schemas/Account",
    };
    const diff = diffDocs(syntheticSpec(), after);
    expect(diff.schemasRenamed).toEqual([{ from: "Key", to: "Account", evidence: "structure" }]);
    expect(diff.schemasAdded).toEqual([]);
    expect(diff.schemasRemoved).toEqual([]);
    expect(allChanges(diff).map((c) => c.rule)).toEqual(["schema-renamed"]);
  });

  test("a new shape in the same places is a rename by references, its changes listed", () => {
    const after = syntheticSpec();
    const s = after.components.schemas;
    s.Account = { ...s.Key, properties: { ...s.Key.properties, scope: { type: "string" } } };
    delete s.Key;
    after.paths["/keys"].get.responses["200"].content[
      "application/json"
    ].schema.properties.data.items = {
      $ref: "#/components/schemas/Account",
    };
    const diff = diffDocs(syntheticSpec(), after);
    expect(diff.schemasRenamed).toEqual([{ from: "Key", to: "Account", evidence: "references" }]);
    expect(
      allChanges(diff)
        .map((c) => `${c.rule} ${c.location}`)
        .sort(),
    ).toEqual(["response-property-added Account (was Key).scope", "schema-renamed Key → Account"]);
  });

  test("two removed schemas of one shape are not guessed at", () => {
    const before = syntheticSpec();
    before.components.schemas.Twin = structuredClone(before.components.schemas.Legacy);
    const after = structuredClone(before);
    const s = after.components.schemas;
    s.NewLegacy = s.Legacy;
    delete s.Legacy;
    delete s.Twin;
    const diff = diffDocs(before, after);
    expect(diff.schemasRenamed).toEqual([]);
    expect(diff.schemasRemoved).toEqual(["Legacy", "Twin"]);
    expect(diff.schemasAdded).toEqual(["NewLegacy"]);
  });
});

describe("schemas no operation uses", () => {
  test("are compared both ways, and reach no operation", () => {
    const diff = mutated((s) => {
      const legacy = s.components.schemas.Legacy;
      legacy.properties.extra = { type: "string" };
      legacy.required = ["extra"];
    });
    expect(
      allChanges(diff)
        .map((c) => `${c.rule} ${c.operations.length}`)
        .sort(),
    ).toEqual(["request-property-added-required 0", "response-property-added 0"]);
    expect(diff.bump).toEqual({
      "@or/types": "major",
      "@or/fetch": "none",
      "@or/stream": "none",
      "@or/admin": "none",
    });
  });
});

describe("bumps per package", () => {
  test("an admin operation moves @or/types, @or/fetch and @or/admin", () => {
    const diff = mutated((s) => delete s.components.schemas.Key.properties.label);
    expect(diff.bump).toEqual({
      "@or/types": "major",
      "@or/fetch": "major",
      "@or/stream": "none",
      "@or/admin": "major",
    });
  });

  test("a streaming operation moves @or/stream", () => {
    const diff = mutated(
      (s) => (s.components.schemas.ChatChunk.properties.usage = { type: "object" }),
    );
    expect(diff.bump).toEqual({
      "@or/types": "minor",
      "@or/fetch": "minor",
      "@or/stream": "minor",
      "@or/admin": "none",
    });
  });

  test("prose only: a patch of @or/types, nothing else", () => {
    const diff = mutated((s) => (s.components.schemas.Widget.description = "Something you sell."));
    expect(allChanges(diff)).toEqual([]);
    expect(diff.identical).toBe(false);
    expect(diff.bump).toEqual({
      "@or/types": "patch",
      "@or/fetch": "none",
      "@or/stream": "none",
      "@or/admin": "none",
    });
    expect(renderMarkdown(diff)).toContain("only documentation (descriptions, examples) differs");
  });

  test("identical documents: nothing moves", () => {
    const diff = diffDocs(syntheticSpec(), syntheticSpec());
    expect(Object.values(diff.bump)).toEqual(["none", "none", "none", "none"]);
    expect(renderMarkdown(diff)).toContain("The documents are identical.");
  });
});

describe("the JSON result", () => {
  test("has its documented fields, operations described, changes sorted", () => {
    const diff = mutated((s) => {
      delete s.paths["/keys"];
      s.paths["/gadgets"] = { post: { operationId: "makeGadget", responses: {} } };
      s.components.schemas.Widget.properties.weight = { type: "number" };
    });
    expect(Object.keys(diff)).toEqual([
      "from",
      "to",
      "identical",
      "operationsAdded",
      "operationsRemoved",
      "schemasAdded",
      "schemasRemoved",
      "schemasRenamed",
      "breaking",
      "nonBreaking",
      "bump",
    ]);
    expect(diff.operationsAdded).toEqual([
      { method: "POST", path: "/gadgets", operationId: "makeGadget" },
    ]);
    expect(diff.operationsRemoved).toEqual([
      { method: "GET", path: "/keys", operationId: "listKeys" },
    ]);
    expect(diff.from).toMatchObject({ source: "before.json", operations: 5, schemas: 15 });
    expect(diff.to).toMatchObject({ source: "after.json", operations: 5 });
    expect(diff.breaking.map((c) => c.rule)).toEqual(["operation-removed"]);
    expect(diff.nonBreaking.map((c) => c.location)).toEqual(["POST /gadgets", "Widget.weight"]);
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });
});

describe("the Markdown summary", () => {
  test("shows bumps, operations, schemas and both change lists", () => {
    const diff = mutated((s) => {
      delete s.paths["/keys"];
      s.components.schemas.Widget.properties.weight = { type: "number" };
      s.components.schemas.Gadget = { type: "object" };
    });
    const md = renderMarkdown(diff);
    expect(md).toContain("## OpenRouter spec: 5 → 4 operations, 15 → 16 schemas");
    expect(md).toContain("| `@or/types` | major |");
    expect(md).toContain("| `@or/admin` | major |");
    expect(md).toContain("### Operations removed (1)\n\n- `GET /keys` (`listKeys`)");
    expect(md).toContain("- Added (1): `Gadget`");
    expect(md).toContain("### Breaking changes (0)");
    expect(md).toContain(
      "- `Widget.weight` (response): property added (optional) — `response-property-added`, 3 operations",
    );
  });

  test("cuts long lists and says how many are left", () => {
    const diff = mutated((s) => {
      for (let i = 0; i < 5; i++)
        s.components.schemas.Widget.properties[`extra${i}`] = { type: "string" };
    });
    const md = renderMarkdown(diff, { maxItems: 2 });
    expect(md).toContain("`Widget.extra1`");
    expect(md).not.toContain("`Widget.extra2`");
    expect(md).toContain("- … and 3 more");
  });
});
