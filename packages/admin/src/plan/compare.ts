import type { FieldChange } from "./plan-types";

/** Lists of names compare as sets: the API may keep them in another order. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value))
    return [...value]
      .map(normalized)
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  // Objects (content filters, filter rules) compare by their set fields, in any key order.
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalized(v)]),
    );
  return value ?? null;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/**
 * The fields whose desired value (given, so not `undefined`) differs from the current one, as
 * changes and as the body that makes them.
 */
export function changedFields(
  desired: Record<string, unknown>,
  current: Record<string, unknown>,
  fields: readonly string[],
): { changes: FieldChange[]; body: Record<string, unknown> } {
  const changes: FieldChange[] = [];
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const wanted = desired[field];
    if (wanted === undefined || sameValue(wanted, current[field])) continue;
    changes.push({ field, from: current[field] ?? null, to: wanted });
    body[field] = wanted;
  }
  return { changes, body };
}

/** The given fields of a desired resource: the body of a create, and its changes from nothing. */
export function givenFields(
  desired: Record<string, unknown>,
  fields: readonly string[],
): { changes: FieldChange[]; body: Record<string, unknown> } {
  const changes: FieldChange[] = [];
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (desired[field] === undefined) continue;
    changes.push({ field, to: desired[field] });
    body[field] = desired[field];
  }
  return { changes, body };
}
