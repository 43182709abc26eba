import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";

/** A plain JSON Schema object, sent as it is. Values it describes are not validated. */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * A schema of a Standard Schema library that can also describe itself as JSON Schema: zod 4,
 * arktype 2, valibot through `toStandardJsonSchema` of `@valibot/to-json-schema`.
 */
export type StandardJsonSchema<Input = unknown, Output = Input> = StandardSchemaV1<Input, Output> &
  StandardJSONSchemaV1<Input, Output>;

/** What `defineTool`, `parseChat` and `streamParsed` accept: a Standard JSON Schema or plain JSON Schema. */
export type Schema = StandardJsonSchema<any, any> | JsonSchema;

/** The type a schema validates to: its output type, or `Fallback` for plain JSON Schema. */
export type InferOutput<S, Fallback = unknown> =
  S extends StandardSchemaV1<any, infer Output> ? Output : Fallback;

/** The result of `validateWith`: the value, or the schema's issues. */
export type Validation<T> =
  | { value: T; issues?: undefined }
  | { value?: undefined; issues: readonly StandardSchemaV1.Issue[] };

/** JSON Schema draft 2020-12: what zod, arktype and valibot all emit, and what the API reads. */
const TARGET = { target: "draft-2020-12" } as const;

function standardOf(schema: Schema): StandardSchemaV1.Props | undefined {
  // arktype's schemas are functions, with the same property.
  if ((typeof schema !== "object" && typeof schema !== "function") || schema === null)
    return undefined;
  const props = (schema as Partial<StandardSchemaV1>)["~standard"];
  return typeof props === "object" && props !== null ? props : undefined;
}

/**
 * The JSON Schema to send for `schema` (its input side: what the model writes). `$schema` is
 * left out: the API takes the schema body only. Throws a `TypeError` naming `option` for
 * anything else, e.g. a valibot schema not wrapped by `toStandardJsonSchema`.
 */
export function jsonSchemaOf(schema: Schema, option: string): Record<string, unknown> {
  const standard = standardOf(schema);
  if (!standard && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
    throw new TypeError(`${option} must be a Standard JSON Schema or a JSON Schema object.`);
  }
  if (!standard) return { ...schema };
  const converter = (standard as Partial<StandardJSONSchemaV1.Props>).jsonSchema;
  if (typeof converter?.input !== "function" || typeof standard.validate !== "function") {
    throw new TypeError(
      `${option} is a ${standard.vendor} schema that cannot describe itself as JSON Schema ` +
        "(no ~standard.jsonSchema): wrap it (valibot: toStandardJsonSchema from @valibot/to-json-schema).",
    );
  }
  const { $schema: _dialect, ...body } = converter.input(TARGET);
  return body;
}

/** Validates `value` with a Standard Schema; a plain JSON Schema accepts it as it is. */
export async function validateWith<S extends Schema>(
  schema: S,
  value: unknown,
): Promise<Validation<InferOutput<S>>> {
  const standard = standardOf(schema);
  if (!standard) return { value: value as InferOutput<S> };
  const result = await standard.validate(value);
  if (result.issues) return { issues: result.issues };
  return { value: result.value as InferOutput<S> };
}

/** The issues as one line each: `path: message`. */
export function formatIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? [])
        .map((segment) => String(typeof segment === "object" ? segment.key : segment))
        .join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("\n");
}
