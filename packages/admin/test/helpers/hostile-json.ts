// JSON texts whose object keys include __proto__, constructor and prototype at every level, as
// they arrive from a file or the wire (JSON.parse makes them own properties).
import fc from "fast-check";

export const DANGEROUS_NAMES = ["__proto__", "constructor", "prototype"] as const;

const KEY = fc.oneof(
  fc.constantFrom(...DANGEROUS_NAMES, "name", "slug", "hash", "version", "keys", "guardrails"),
  fc.constantFrom("workspaces", "members", "budgets", "limit", "isAdmin", "assign", "toString"),
  fc.string({ maxLength: 6 }),
);

const objectText = (pairs: Array<[string, string]>) =>
  `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`;

const tree = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom("null", "true", "1", "-2.5", '"x"', '"__proto__"'),
    tie("object"),
    tie("array"),
  ),
  object: fc.array(fc.tuple(KEY, tie("value")), { maxLength: 5 }).map((pairs) => objectText(pairs)),
  array: fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
}));

/** Any JSON object text, dangerous keys anywhere. */
export const hostileObjectText = tree.object;

/** A state document: hostile objects at the top and in every section. */
export const hostileStateText = fc
  .tuple(
    tree.object,
    tree.object,
    tree.object,
    fc.array(fc.tuple(KEY, tree.value), { maxLength: 3 }),
  )
  .map(([key, guardrail, workspace, extra]) =>
    objectText([
      ["version", "1"],
      ["keys", `[${key}]`],
      ["guardrails", `[${guardrail}]`],
      ["workspaces", `[${workspace}]`],
      ...extra,
    ]),
  );

const BUILTINS: Array<[string, object]> = [
  ["Object", Object],
  ["Object.prototype", Object.prototype],
  ["Array", Array],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
  ["Number.prototype", Number.prototype],
  ["Map.prototype", Map.prototype],
  ["Set.prototype", Set.prototype],
  ["JSON", JSON],
  ["Promise.prototype", Promise.prototype],
];

/** Every own property of the built-ins, to compare before and after. */
export function builtinsSnapshot(): Map<string, unknown> {
  const snapshot = new Map<string, unknown>();
  for (const [name, target] of BUILTINS) {
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      snapshot.set(`${name}.${String(key)}`, descriptor?.value ?? descriptor?.get);
    }
    snapshot.set(`${name} [[Prototype]]`, Object.getPrototypeOf(target));
  }
  return snapshot;
}

/** Throws when a built-in gained, lost or changed a property since `before`. */
export function expectBuiltinsUntouched(before: Map<string, unknown>): void {
  const after = builtinsSnapshot();
  for (const [key, value] of after) {
    if (!before.has(key)) throw new Error(`${key} appeared`);
    if (before.get(key) !== value) throw new Error(`${key} changed`);
  }
  if (after.size !== before.size) throw new Error("a built-in lost a property");
  if (({} as Record<string, unknown>).isAdmin !== undefined) throw new Error("{}.isAdmin is set");
}
