// The admin emulator's handlers take JSON bodies and path parameters from the wire: with
// __proto__, constructor and prototype as keys at every level and as ids, they leave
// Object.prototype, Array.prototype and the built-ins untouched, and the store stays sound.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AdminStore } from "../src/admin-emulator/store";
import { EmulatorHttpError } from "../src/admin-emulator/http-error";
import { ADMIN_ROUTES } from "../src/admin-emulator/routes";

const DANGEROUS = ["__proto__", "constructor", "prototype"];
const KEY = fc.oneof(
  fc.constantFrom(...DANGEROUS, "name", "slug", "limit", "limit_usd", "key_hashes", "user_ids"),
  fc.constantFrom("workspace_id", "allowed_models", "provider", "isAdmin", "assign"),
  fc.string({ maxLength: 5 }),
);
const objectText = (pairs: Array<[string, string]>) =>
  `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`;
const tree = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom("null", "true", "3", '"x"', '"__proto__"', '["__proto__"]'),
    tie("object"),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
  ),
  object: fc.array(fc.tuple(KEY, tie("value")), { maxLength: 6 }).map(objectText),
}));

function builtins(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const targets = { Object, ObjectProto: Object.prototype, Array, ArrayProto: Array.prototype };
  for (const [name, target] of Object.entries({ ...targets, FunctionProto: Function.prototype })) {
    for (const key of Reflect.ownKeys(target))
      out.set(`${name}.${String(key)}`, Object.getOwnPropertyDescriptor(target, key)?.value);
  }
  return out;
}

describe("admin emulator handlers and hostile JSON", () => {
  it("1000 runs of every body-taking route: built-ins untouched, answers serializable", () => {
    const before = builtins();
    const routes = ADMIN_ROUTES.filter((r) => r.hasBody);
    const store = new AdminStore();
    fc.assert(
      fc.property(
        fc.constantFrom(...routes),
        tree.object,
        fc.constantFrom(...DANGEROUS, "default"),
        (route, text, id) => {
          const body = JSON.parse(text) as Record<string, unknown>;
          const params = { id, hash: id, interval: id, provider: id };
          try {
            const result = route.handler({
              store,
              params,
              query: new URLSearchParams(`workspace_id=${id}`),
              body,
              caller: { kind: "management" },
              keysPageSize: 100,
            });
            JSON.stringify(result.body);
          } catch (error) {
            if (!(error instanceof EmulatorHttpError)) throw error;
          }
          const after = builtins();
          expect(after).toEqual(before);
          expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
    // The store still answers its own lists.
    for (const route of ADMIN_ROUTES.filter((r) => r.method === "GET" && !r.path.includes("{"))) {
      const result = route.handler({
        store,
        params: {},
        query: new URLSearchParams(),
        body: {},
        caller: { kind: "management" },
        keysPageSize: 100,
      });
      expect(() => JSON.stringify(result.body)).not.toThrow();
    }
  });
});
