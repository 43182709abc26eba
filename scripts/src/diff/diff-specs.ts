import { applyOverlays } from "../../../openapi/overlays/index.ts";
import { countSchemas, listOperations, type OpenApiDocument } from "../spec-document.ts";
import type { DraftChange } from "./local-diff.ts";
import { NamedPairs } from "./named-pairs.ts";
import { diffOperation, type OperationAt } from "./operation-diff.ts";
import { operationFacts, operationKey, packageBumps } from "./package-bumps.ts";
import { renamesByReference, renamesByShape } from "./renames.ts";
import { isBreaking, RULES } from "./rules.ts";
import { SchemaDiffer } from "./schema-diff.ts";
import { schemaSides } from "./schema-sides.ts";
import { KindResolver } from "./schema-kinds.ts";
import { SpecIndex } from "./spec-index.ts";
import type {
  Change,
  OperationSummary,
  SchemaRename,
  Side,
  SpecDiff,
  SpecSummary,
} from "./types.ts";
import type { VariantSide } from "./variants.ts";

/** A document to compare, with where it came from and the sha256 of its canonical JSON. */
export interface DiffInput {
  doc: OpenApiDocument;
  source: string;
  sha256: string;
}

/**
 * Compares two OpenAPI 3.1 documents as a TypeScript consumer of `@or/types`/`@or/fetch` sees
 * them: both get our overlays first (open enums, nullable fields, …), since the generated types
 * do. Every difference found is classified by a rule of `RULES`.
 *
 * @example
 * const diff = diffSpecs(await diffInputFrom("old.json"), await diffInputFrom("new.json"));
 * diff.operationsAdded; // [{ method: "GET", path: "/datasets/session-cost", operationId: "getSessionCost" }]
 * diff.bump["@or/types"]; // "minor"
 */
export function diffSpecs(before: DiffInput, after: DiffInput): SpecDiff {
  const identical = before.sha256 === after.sha256;
  const oldIndex = new SpecIndex(applyOverlays(before.doc).doc as OpenApiDocument);
  const newIndex = new SpecIndex(applyOverlays(after.doc).doc as OpenApiDocument);

  const removedNames = Object.keys(oldIndex.schemas).filter((n) => !(n in newIndex.schemas));
  const addedNames = Object.keys(newIndex.schemas).filter((n) => !(n in oldIndex.schemas));
  const renames = renamesByShape(
    new Map(removedNames.map((n) => [n, oldIndex.schemas[n]])),
    new Map(addedNames.map((n) => [n, newIndex.schemas[n]])),
  );
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const beforeSide: VariantSide = {
    index: oldIndex,
    kinds: new KindResolver(oldIndex),
    rename: (name) => renamed.get(name) ?? name,
  };
  const afterSide: VariantSide = {
    index: newIndex,
    kinds: new KindResolver(newIndex),
    rename: (name) => name,
  };
  const differ = new SchemaDiffer(beforeSide, afterSide);
  const named = new NamedPairs(differ, oldIndex, newIndex);

  const drafts = new Set<DraftChange>();
  const oldOps = operationsByKey(oldIndex.doc);
  const newOps = operationsByKey(newIndex.doc);
  const operationsRemoved = [...oldOps.keys()].filter((k) => !newOps.has(k));
  const operationsAdded = [...newOps.keys()].filter((k) => !oldOps.has(k));
  for (const key of operationsRemoved) drafts.add(operationDraft("operation-removed", key));
  for (const key of operationsAdded) drafts.add(operationDraft("operation-added", key));
  for (const [key, operation] of newOps) {
    const previous = oldOps.get(key);
    if (!previous) continue;
    const local = diffOperation(previous, operation, {
      before: oldIndex,
      after: newIndex,
      differ,
    });
    for (const change of named.walk(local, key)) drafts.add(change);
  }

  // Schemas the walk did not reach (used only through new or changed paths, or by no operation)
  // are still exported types: compare them as they are used, or both ways if unused.
  const oldSides = schemaSides(oldIndex);
  const newSides = schemaSides(newIndex);
  const kept = Object.keys(oldIndex.schemas)
    .filter((n) => n in newIndex.schemas)
    .map((n) => [n, n] as const);
  for (const [from, to] of [...kept, ...renames.map((r) => [r.from, r.to] as const)]) {
    if (named.wasReached(from, to)) continue;
    const used = new Set([...(oldSides.get(from) ?? []), ...(newSides.get(to) ?? [])]);
    const sides: Side[] = used.size > 0 ? [...used] : ["request", "response"];
    const edges = sides.map((side) => ({ from, to, side }));
    for (const change of named.walk({ changes: [], edges })) drafts.add(change);
  }

  const stillRemoved = removedNames.filter((n) => !renamed.has(n));
  const stillAdded = new Set(addedNames.filter((n) => ![...renamed.values()].includes(n)));
  const byReference = renamesByReference(
    [...named.pairs.values()].filter(([f, t]) => stillRemoved.includes(f) && stillAdded.has(t)),
  );
  renames.push(...byReference);
  const renamedTo = new Set(renames.map((r) => r.to));
  const renamedFrom = new Set(renames.map((r) => r.from));
  const schemasRemoved = removedNames.filter((n) => !renamedFrom.has(n));
  const schemasAdded = addedNames.filter((n) => !renamedTo.has(n));
  for (const name of schemasRemoved) drafts.add(schemaDraft("schema-removed", name));
  for (const name of schemasAdded) drafts.add(schemaDraft("schema-added", name));
  for (const r of renames) drafts.add(renameDraft(r));

  const changes = finalize(drafts);
  const facts = operationFacts([before.doc, after.doc]);
  return {
    from: summary(before),
    to: summary(after),
    identical,
    operationsAdded: operationsAdded.map((k) => describe(newOps.get(k)!)),
    operationsRemoved: operationsRemoved.map((k) => describe(oldOps.get(k)!)),
    schemasAdded: schemasAdded.sort(),
    schemasRemoved: schemasRemoved.sort(),
    schemasRenamed: renames.sort((a, b) => a.from.localeCompare(b.from)),
    breaking: changes.filter((c) => c.breaking),
    nonBreaking: changes.filter((c) => !c.breaking),
    bump: packageBumps(changes, facts, identical),
  };
}

function operationsByKey(doc: OpenApiDocument): Map<string, OperationAt> {
  const byKey = new Map<string, OperationAt>();
  const sorted = listOperations(doc).sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  for (const { method, path, operation } of sorted) {
    const key = operationKey(method, path);
    const pathParameters = (doc.paths[path]?.parameters as unknown[] | undefined) ?? [];
    byKey.set(key, { key, operation, pathParameters });
  }
  return byKey;
}

function describe(at: OperationAt): OperationSummary {
  const [method, path] = at.key.split(" ") as [string, string];
  const id = at.operation.operationId;
  return { method, path, operationId: typeof id === "string" ? id : at.key };
}

const operationDraft = (rule: "operation-added" | "operation-removed", key: string) => ({
  rule,
  location: key,
  message: rule === "operation-added" ? "operation added" : "operation removed",
  operations: new Set([key]),
});

const schemaDraft = (rule: "schema-added" | "schema-removed", name: string) => ({
  rule,
  location: name,
  message: rule === "schema-added" ? "schema added" : "schema removed",
  values: [name],
  operations: new Set<string>(),
});

const renameDraft = (r: SchemaRename): DraftChange => ({
  rule: "schema-renamed",
  location: `${r.from} → ${r.to}`,
  message: `schema renamed ${r.from} → ${r.to} (${r.evidence === "structure" ? "same shape" : "same references"})`,
  values: [r.from, r.to],
  operations: new Set(),
});

/** Merges duplicates (same rule, place and values), classifies, sorts. */
function finalize(drafts: Iterable<DraftChange>): Change[] {
  const merged = new Map<string, DraftChange>();
  for (const draft of drafts) {
    const key = `${draft.rule}\u0000${draft.location}\u0000${(draft.values ?? []).join("\u0000")}`;
    const existing = merged.get(key);
    if (existing) for (const op of draft.operations) existing.operations.add(op);
    else merged.set(key, { ...draft, operations: new Set(draft.operations) });
  }
  return [...merged.values()]
    .map(
      (d): Change => ({
        rule: d.rule,
        breaking: isBreaking(d.rule),
        level: RULES[d.rule].level,
        ...(d.side ? { side: d.side } : {}),
        location: d.location,
        message: d.message,
        ...(d.values ? { values: d.values } : {}),
        operations: [...d.operations].sort(),
      }),
    )
    .sort((a, b) => a.location.localeCompare(b.location) || a.rule.localeCompare(b.rule));
}

function summary(input: DiffInput): SpecSummary {
  return {
    source: input.source,
    sha256: input.sha256,
    operations: listOperations(input.doc).length,
    schemas: countSchemas(input.doc),
  };
}
