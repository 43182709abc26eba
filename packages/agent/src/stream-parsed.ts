import type { OpenRouterClient } from "@or/fetch";
import type { ChatCompletion, ChatStream } from "@or/stream";
import { GrowingJson, type DeepPartial } from "./partial-json";
import type { InferOutput, Schema } from "./schema";
import {
  streamStructured,
  valueOf,
  type ParseOptions,
  type StructuredRequest,
} from "./structured-output";

/**
 * A structured answer as it streams: `partials` while it grows, `final()` validated. Read
 * `partials` at most once; `final()` works before, after or without it.
 */
export class ParsedStream<T> {
  /** The chat stream underneath (its `generationId`, `abort()`…). */
  readonly stream: ChatStream;
  readonly #schema: Schema;

  constructor(stream: ChatStream, schema: Schema) {
    this.stream = stream;
    this.#schema = schema;
  }

  /**
   * The object as it grows, parsed from incomplete JSON. Each value keeps everything of the one
   * before (strings extended, keys and items added), and none repeats.
   */
  get partials(): AsyncIterable<DeepPartial<T>> {
    const stream = this.stream;
    return {
      async *[Symbol.asyncIterator]() {
        const json = new GrowingJson();
        for await (const chunk of stream) {
          const content = chunk.choices?.[0]?.delta?.content;
          if (typeof content !== "string" || content === "") continue;
          const grown = json.push(content);
          if (grown) yield grown.value as DeepPartial<T>;
        }
      },
    };
  }

  /** The whole answer, validated by the schema (`ParseError`, `RefusalError` otherwise). */
  async final(): Promise<T> {
    return (await valueOf(await this.completion(), this.#schema)) as T;
  }

  /** The completion as the stream assembled it. */
  completion(): Promise<ChatCompletion> {
    return this.stream.finalCompletion();
  }
}

/**
 * Streams an answer in the shape of `schema`: iterate `partials` to show it as it grows, then
 * `await final()` for the validated value.
 * @example
 * const answer = await streamParsed(client, { model: "openai/gpt-4o", messages }, { schema: Forecast });
 * for await (const partial of answer.partials) render(partial);
 * const forecast = await answer.final();
 */
export async function streamParsed<S extends Schema>(
  client: OpenRouterClient,
  request: StructuredRequest,
  options: ParseOptions<S>,
): Promise<ParsedStream<InferOutput<S>>> {
  const stream = await streamStructured(client, request, options);
  return new ParsedStream(stream, options.schema);
}
