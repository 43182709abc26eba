// The same schemas in each supported form: zod 4, valibot (through @valibot/to-json-schema),
// arktype, and plain JSON Schema (not validated).
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { z } from "zod";
import type { Schema } from "../src/index";

export interface SchemaSet {
  library: string;
  /** Whether the library validates (plain JSON Schema does not). */
  validates: boolean;
  weather: Schema;
  time: Schema;
  forecast: Schema;
}

const weatherJson = {
  type: "object",
  properties: { city: { type: "string" } },
  required: ["city"],
  additionalProperties: false,
} as const;

export const schemaSets: SchemaSet[] = [
  {
    library: "zod 4",
    validates: true,
    weather: z.object({ city: z.string() }),
    time: z.object({ zone: z.string() }),
    forecast: z.object({
      city: z.string(),
      temperature: z.number(),
      conditions: z.array(z.string()),
      note: z.string(),
    }),
  },
  {
    library: "valibot",
    validates: true,
    weather: toStandardJsonSchema(v.object({ city: v.string() })),
    time: toStandardJsonSchema(v.object({ zone: v.string() })),
    forecast: toStandardJsonSchema(
      v.object({
        city: v.string(),
        temperature: v.number(),
        conditions: v.array(v.string()),
        note: v.string(),
      }),
    ),
  },
  {
    library: "arktype",
    validates: true,
    weather: type({ city: "string" }),
    time: type({ zone: "string" }),
    forecast: type({
      city: "string",
      temperature: "number",
      conditions: "string[]",
      note: "string",
    }),
  },
  {
    library: "plain JSON Schema",
    validates: false,
    weather: weatherJson,
    time: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"] },
    forecast: {
      type: "object",
      properties: {
        city: { type: "string" },
        temperature: { type: "number" },
        conditions: { type: "array", items: { type: "string" } },
        note: { type: "string" },
      },
      required: ["city", "temperature", "conditions", "note"],
    },
  },
];
