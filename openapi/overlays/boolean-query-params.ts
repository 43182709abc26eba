import { deref, operations, type Overlay } from "./overlay.ts";

/**
 * Query parameters typed `string` with `x-openrouter-type: boolean` are booleans: users pass
 * `true`, and the query string carries `true`/`false` either way.
 */
export const booleanQueryParams: Overlay = {
  name: "boolean-query-params",
  description: "Type query parameters marked x-openrouter-type: boolean as boolean.",
  apply(doc) {
    let changed = 0;
    for (const operation of operations(doc)) {
      for (const ref of operation.parameters ?? []) {
        const parameter = deref(doc, ref);
        const schema = parameter?.schema;
        if (parameter?.in !== "query" || !schema) continue;
        const marked =
          schema["x-openrouter-type"] === "boolean" || parameter["x-openrouter-type"] === "boolean";
        if (!marked || schema.type === "boolean") continue;
        const { example, ...rest } = schema;
        parameter.schema = {
          ...rest,
          type: "boolean",
          ...(example === undefined ? {} : { example: example === true || example === "true" }),
        };
        changed++;
      }
    }
    return changed;
  },
};
