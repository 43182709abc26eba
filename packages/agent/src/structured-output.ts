import type { OpenRouterClient } from "@or/fetch";
import { streamChat, type ChatCompletion, type ChatStream } from "@or/stream";
import type { ChatRequest } from "@or/types";
import { ParseError, RefusalError, refusalOf } from "./errors";
import { formatIssues, jsonSchemaOf, validateWith, type InferOutput, type Schema } from "./schema";

/** Options of `parseChat` and `streamParsed`. */
export interface ParseOptions<S extends Schema> {
  /** The answer's schema: a Standard JSON Schema (zod 4, arktype, valibot) or plain JSON Schema. */
  schema: S;
  /** The schema's name for the model. Default `"response"`. */
  name?: string;
  /** Aborts the request and the stream. */
  signal?: AbortSignal;
  /** Extra headers for the request. */
  headers?: Record<string, string>;
}

/** A chat request without `response_format` and `stream`, which these functions set. */
export type StructuredRequest = Omit<ChatRequest, "response_format" | "stream">;

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Sends the request with `response_format` built from the schema and returns its stream, which
 * accumulates from the start (so that its completion can be asked for after reading it).
 */
export function streamStructured<S extends Schema>(
  client: OpenRouterClient,
  request: StructuredRequest,
  options: ParseOptions<S>,
): Promise<ChatStream> {
  return streamChat(client, structuredRequest(request, options), {
    signal: options.signal,
    headers: options.headers,
    accumulate: true,
  });
}

/** The request with `response_format: json_schema` (strict) built from the schema. */
function structuredRequest<S extends Schema>(
  request: StructuredRequest,
  options: ParseOptions<S>,
): ChatRequest {
  if (typeof options !== "object" || options === null || options.schema === undefined) {
    throw new TypeError("options.schema is required.");
  }
  const { name = "response" } = options;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new TypeError(
      `name must be 1 to 64 letters, digits, "_" or "-" (got ${JSON.stringify(name)}).`,
    );
  }
  const schema = jsonSchemaOf(options.schema, "schema");
  return {
    ...request,
    response_format: { type: "json_schema", json_schema: { name, strict: true, schema } },
  };
}

/**
 * The structured value of a completion: a refusal is a `RefusalError`; text that is not JSON,
 * or JSON the schema rejects, a `ParseError` with the text.
 */
export async function valueOf<S extends Schema>(
  completion: ChatCompletion,
  schema: S,
): Promise<InferOutput<S>> {
  const refusal = refusalOf(completion);
  if (refusal !== undefined) throw new RefusalError(refusal, completion);
  const content = completion.choices[0]?.message.content;
  const text = typeof content === "string" ? content : "";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const finish = completion.choices[0]?.finish_reason;
    throw new ParseError(
      `The answer is not valid JSON (${text.length} characters, finish reason ${finish ?? "none"}).`,
      { text, cause: error, completion },
    );
  }
  const validation = await validateWith(schema, json);
  if (validation.issues) {
    throw new ParseError(
      `The answer does not match the schema:\n${formatIssues(validation.issues)}`,
      {
        text,
        issues: validation.issues,
        completion,
      },
    );
  }
  return validation.value;
}
