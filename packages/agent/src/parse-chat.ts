import type { OpenRouterClient } from "@or/fetch";
import type { ChatCompletion } from "@or/stream";
import type { InferOutput, Schema } from "./schema";
import {
  streamStructured,
  valueOf,
  type ParseOptions,
  type StructuredRequest,
} from "./structured-output";

/** What `parseChat` resolves to. */
export interface ParsedChat<T> {
  /** The answer, validated by the schema and typed from it. */
  value: T;
  completion: ChatCompletion;
}

/**
 * Asks for an answer in the shape of `schema` (`response_format: json_schema`, strict), reads it
 * as a stream, and validates it. Rejects with `ParseError` (the raw text, the JSON error or the
 * schema's issues), `RefusalError`, or the stream's typed errors.
 * @example
 * const Forecast = z.object({ city: z.string(), celsius: z.number() });
 * const { value } = await parseChat(client, { model: "openai/gpt-4o", messages }, { schema: Forecast });
 * value.celsius; // number
 */
export async function parseChat<S extends Schema>(
  client: OpenRouterClient,
  request: StructuredRequest,
  options: ParseOptions<S>,
): Promise<ParsedChat<InferOutput<S>>> {
  const stream = await streamStructured(client, request, options);
  const completion = await stream.finalCompletion();
  return { value: await valueOf(completion, options.schema), completion };
}
