// The diff on real upstream history: consecutive snapshots in ../shared/openapi/history.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { describe, expect, test } from "vitest";
import { diffSpecs } from "../src/diff/diff-specs.ts";
import { diffInputFrom } from "../src/diff/inputs.ts";
import { repoRoot } from "../src/paths.ts";
import { listOperations, type OpenApiDocument } from "../src/spec-document.ts";

const shared = join(repoRoot, "..", "shared", "openapi");
const history = join(shared, "history");
const snapshot = (name: string) =>
  name === "openrouter.json" ? join(shared, name) : join(history, name);
const haveHistory = existsSync(history) && existsSync(join(shared, "openrouter.json"));

const diffFiles = async (before: string, after: string) =>
  diffSpecs(await diffInputFrom(snapshot(before)), await diffInputFrom(snapshot(after)));

/** `METHOD /path` of every operation, computed without the diff. */
const operationKeys = (doc: OpenApiDocument) =>
  new Set(listOperations(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`));

describe.skipIf(!haveHistory)("real upstream history (../shared/openapi)", () => {
  test("2026-08-08 → current: exactly one operation added, none removed", async () => {
    const diff = await diffFiles("2026-08-08T0409Z-7ea386221.json", "openrouter.json");
    // Checked by hand: the current spec adds GET /datasets/session-cost (getSessionCost).
    expect(diff.operationsAdded).toEqual([
      { method: "GET", path: "/datasets/session-cost", operationId: "getSessionCost" },
    ]);
    expect(diff.operationsRemoved).toEqual([]);
    expect(diff.from.operations).toBe(96);
    expect(diff.to.operations).toBe(97);
    expect(diff.schemasRemoved).toEqual(["AdvisorNestedTool", "MessagesErrorDetail"]);
    expect(diff.schemasRenamed).toEqual([
      {
        from: "MessagesErrorResponse",
        to: "AnthropicMessagesErrorResponse",
        evidence: "references",
      },
    ]);
  });

  test("2026-08-21T0607Z → 2026-08-21T2001Z: additions only, no breaking change", async () => {
    const diff = await diffFiles(
      "2026-08-21T0607Z-7344986f4.json",
      "2026-08-21T2001Z-370645994.json",
    );
    expect(diff.breaking).toEqual([]);
    for (const bump of Object.values(diff.bump)) expect(["none", "patch", "minor"]).toContain(bump);
    expect(diff.bump["@or/types"]).toBe("minor");
    // The change upstream: a new provider, Makora, in the provider enums and options.
    expect(diff.nonBreaking.map((c) => `${c.rule} ${c.location} ${c.values ?? ""}`)).toEqual([
      "request-enum-value-added BYOKProviderSlug makora",
      "response-enum-value-added-open BYOKProviderSlug makora",
      "request-enum-value-added GET /byok query.provider makora",
      "response-enum-value-added-open MessagesStartEvent.message.provider Makora",
      "request-enum-value-added ProviderName Makora",
      "response-enum-value-added-open ProviderName Makora",
      "request-property-added-optional ProviderOptions.makora ",
      "response-enum-value-added-open ProviderResponse.provider_name Makora",
    ]);
  });

  test("2026-07-25 → 2026-08-08: seven operations added, a schema renamed", async () => {
    const diff = await diffFiles(
      "2026-07-25T0052Z-05ea157b9.json",
      "2026-08-08T0409Z-7ea386221.json",
    );
    expect(diff.operationsAdded.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual([
      "GET /scim/group-mappings listScimGroupMappings",
      "POST /scim/group-mappings createScimGroupMapping",
      "DELETE /scim/group-mappings/{id} deleteScimGroupMapping",
      "GET /scim/group-mappings/{id} getScimGroupMapping",
      "PATCH /scim/group-mappings/{id} updateScimGroupMapping",
      "GET /scim/groups listScimGroups",
      "GET /workspaces/{id}/budgets/{interval} getWorkspaceBudget",
    ]);
    expect(diff.operationsRemoved).toEqual([]);
    expect(diff.schemasRenamed).toEqual([
      { from: "FileMetadata", to: "FileResponse", evidence: "references" },
    ]);
    // Two admin schemas started answering null workspace ids: breaking for readers.
    expect(
      diff.breaking.filter((c) => c.rule === "response-type-changed").map((c) => c.location),
    ).toEqual(["BYOKKey.workspace_id", "Guardrail.workspace_id"]);
    expect(diff.bump["@or/admin"]).toBe("major");
  });

  test("every consecutive pair: operations added and removed match the documents", async () => {
    const names = [
      ...readdirSync(history)
        .filter((n) => n.endsWith(".json"))
        .sort(),
      "openrouter.json",
    ];
    for (let i = 1; i < names.length; i++) {
      const before = await diffInputFrom(snapshot(names[i - 1]!));
      const after = await diffInputFrom(snapshot(names[i]!));
      const started = performance.now();
      const diff = diffSpecs(before, after);
      const ms = Math.round(performance.now() - started);
      console.log(`diff ${names[i - 1]} → ${names[i]}: ${ms} ms, ${diff.breaking.length} breaking`);
      const oldOps = operationKeys(before.doc);
      const newOps = operationKeys(after.doc);
      const key = (o: { method: string; path: string }) => `${o.method} ${o.path}`;
      expect(diff.operationsAdded.map(key).sort()).toEqual(
        [...newOps].filter((k) => !oldOps.has(k)).sort(),
      );
      expect(diff.operationsRemoved.map(key).sort()).toEqual(
        [...oldOps].filter((k) => !newOps.has(k)).sort(),
      );
      expect(diff.identical).toBe(false);
    }
  });
});
