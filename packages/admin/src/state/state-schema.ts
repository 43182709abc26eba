import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import schema from "../../schema/state.schema.json";

/** The JSON Schema of the desired state (`@or/admin/state.schema.json`). */
export const stateSchema = schema;

let validate: ValidateFunction | undefined;

/** Ajv's errors for a value checked against the state schema (empty when it fits). */
export function schemaErrors(value: unknown): ErrorObject[] {
  validate ??= new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
  }).compile(schema);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
