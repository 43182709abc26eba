import { record, type LocalDiff } from "./local-diff.ts";
import type { SchemaDiffer } from "./schema-diff.ts";
import type { Schema, SpecIndex } from "./spec-index.ts";

/** An operation as the diff sees it: its object, and the path item's shared parameters. */
export interface OperationAt {
  key: string;
  operation: Schema;
  pathParameters: unknown[];
}

interface Sides {
  before: SpecIndex;
  after: SpecIndex;
  differ: SchemaDiffer;
}

/**
 * Compares one operation present in both documents: its id, parameters, request body and
 * responses. Schemas are handed to the `SchemaDiffer`; their references come back as edges.
 */
export function diffOperation(before: OperationAt, after: OperationAt, sides: Sides): LocalDiff {
  const out: LocalDiff = { changes: [], edges: [] };
  const key = after.key;
  const oldId = before.operation.operationId;
  const newId = after.operation.operationId;
  if (oldId !== newId) {
    const message = `operationId ${String(oldId)} → ${String(newId)}`;
    record(out, {
      rule: "operation-id-changed",
      location: key,
      message,
      values: [String(oldId), String(newId)],
    });
  }
  diffParameters(before, after, sides, out);
  diffRequestBody(before, after, sides, out);
  diffResponses(before, after, sides, out);
  return out;
}

function parametersOf(at: OperationAt, index: SpecIndex): Map<string, Schema> {
  const byKey = new Map<string, Schema>();
  for (const ref of [...at.pathParameters, ...((at.operation.parameters as unknown[]) ?? [])]) {
    const parameter = index.deref(ref);
    if (!parameter || typeof parameter.name !== "string") continue;
    const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
    byKey.set(`${String(parameter.in)}.${name}`, parameter);
  }
  return byKey;
}

const isRequired = (p: Schema) => p.required === true || p.in === "path";

function diffParameters(before: OperationAt, after: OperationAt, sides: Sides, out: LocalDiff) {
  const oldParams = parametersOf(before, sides.before);
  const newParams = parametersOf(after, sides.after);
  for (const [name, o] of oldParams) {
    const location = `${after.key} ${name}`;
    const n = newParams.get(name);
    if (!n) {
      record(out, {
        rule: "parameter-removed",
        side: "request",
        location,
        message: "parameter removed",
      });
      continue;
    }
    if (isRequired(o) !== isRequired(n)) {
      const rule = isRequired(n) ? "parameter-made-required" : "parameter-made-optional";
      const message = isRequired(n) ? "made required" : "made optional";
      record(out, { rule, side: "request", location, message });
    }
    sides.differ.diff(o.schema, n.schema, "request", location, out);
  }
  for (const [name, n] of newParams) {
    if (oldParams.has(name)) continue;
    const rule = isRequired(n) ? "parameter-added-required" : "parameter-added-optional";
    const message = `parameter added (${isRequired(n) ? "required" : "optional"})`;
    record(out, { rule, side: "request", location: `${after.key} ${name}`, message });
  }
}

/** `POST /x request` for JSON, `POST /x request[multipart/form-data]` otherwise. */
const mediaLocation = (base: string, mediaType: string) =>
  mediaType === "application/json" ? base : `${base}[${mediaType}]`;

function diffRequestBody(before: OperationAt, after: OperationAt, sides: Sides, out: LocalDiff) {
  const o = sides.before.deref(before.operation.requestBody);
  const n = sides.after.deref(after.operation.requestBody);
  const location = `${after.key} request`;
  if (!o && !n) return;
  if (!o || !n) {
    const rule = !n
      ? "request-body-removed"
      : n.required === true
        ? "request-body-added-required"
        : "request-body-added-optional";
    const message = !n ? "request body removed" : "request body added";
    record(out, { rule, side: "request", location, message });
    return;
  }
  if ((o.required === true) !== (n.required === true)) {
    const rule = n.required === true ? "request-body-made-required" : "request-body-made-optional";
    const message = n.required === true ? "body made required" : "body made optional";
    record(out, { rule, side: "request", location, message });
  }
  diffContent(o.content, n.content, location, "request", sides, out);
}

function diffResponses(before: OperationAt, after: OperationAt, sides: Sides, out: LocalDiff) {
  const oldResponses = (before.operation.responses ?? {}) as Record<string, unknown>;
  const newResponses = (after.operation.responses ?? {}) as Record<string, unknown>;
  for (const status of new Set([...Object.keys(oldResponses), ...Object.keys(newResponses)])) {
    const location = `${after.key} ${status}`;
    const success = status.startsWith("2");
    const o = sides.before.deref(oldResponses[status]);
    const n = sides.after.deref(newResponses[status]);
    if (!o || !n) {
      const change = n ? "added" : "removed";
      const rule = `response-status-${change}-${success ? "success" : "error"}` as const;
      record(out, { rule, side: "response", location, message: `response ${status} ${change}` });
      continue;
    }
    diffContent(o.content, n.content, location, "response", sides, out);
  }
}

function diffContent(
  oldContent: unknown,
  newContent: unknown,
  base: string,
  side: "request" | "response",
  sides: Sides,
  out: LocalDiff,
) {
  const o = (oldContent ?? {}) as Record<string, Schema>;
  const n = (newContent ?? {}) as Record<string, Schema>;
  for (const mediaType of new Set([...Object.keys(o), ...Object.keys(n)])) {
    const location = mediaLocation(base, mediaType);
    if (!o[mediaType] || !n[mediaType]) {
      const change = n[mediaType] ? "added" : "removed";
      const rule = `${side}-media-type-${change}` as const;
      const message = `media type ${mediaType} ${change}`;
      record(out, { rule, side, location, message, values: [mediaType] });
      continue;
    }
    const oldSchema = o[mediaType]!.schema;
    const newSchema = n[mediaType]!.schema;
    if (oldSchema !== undefined && newSchema !== undefined) {
      sides.differ.diff(oldSchema, newSchema, side, location, out);
    }
  }
}
