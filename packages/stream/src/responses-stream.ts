import type { OpenRouterClient } from "@or/fetch";
import type { OpenResponsesResult, RequestBody, StreamEvents } from "@or/types";
import { EventStream, type StreamOptions } from "./event-stream";
import { postStream, type StreamRequestOptions } from "./post-stream";
import type { Protocol } from "./protocol";
import { outputText, ResponsesAccumulator } from "./responses-accumulator";
import { emitByType } from "./ui-events";
import { isRecord, wireFailure } from "./wire-data";

const TERMINAL = new Set(["response.completed", "response.incomplete"]);

/** Responses API: `data:` events typed by their `type`, `[DONE]` at the end. */
export const responsesProtocol: Protocol<StreamEvents, OpenResponsesResult> = {
  noun: "response",
  accumulator: () => new ResponsesAccumulator(),
  errorOf(event) {
    const e = event as Record<string, any>;
    if (e.type === "error") return wireFailure(e, "The response failed.");
    if (e.type === "response.failed") {
      return wireFailure(
        isRecord(e.response) ? e.response.error : undefined,
        "The response failed.",
      );
    }
    return undefined;
  },
  completes: (event) => TERMINAL.has(event.type),
  text: (event) => (event.type === "response.output_text.delta" ? deltaOf(event) : undefined),
  reasoning: (event) =>
    event.type === "response.reasoning_text.delta" ||
    event.type === "response.reasoning_summary_text.delta"
      ? deltaOf(event)
      : undefined,
  // Listeners imply accumulation, which has checked the event's indexes by now.
  dispatch(event, emit, _accumulated, emitOnce) {
    const e = event as Record<string, any>;
    const delta = deltaOf(event);
    if (e.type === "response.output_text.delta") {
      if (delta) emit("content", delta, e.output_index);
    } else if (e.type === "response.reasoning_text.delta") {
      if (delta) emit("reasoning", delta, e.output_index);
    } else if (e.type === "response.function_call_arguments.delta") {
      emit("toolCallDelta", { index: e.output_index, id: e.item_id, argumentsDelta: delta ?? "" });
    } else if (e.type === "response.output_item.done" && e.item?.type === "function_call") {
      emitOnce(e.output_index ?? 0, "toolCallDone", e.item, e.output_index);
    }
    emitByType(emit, e);
  },
  errorEvent: ({ message, status }) => ({
    data: JSON.stringify({
      type: "error",
      code: String(status ?? 502),
      message,
      param: null,
      sequence_number: 0,
    }),
  }),
};

/** The event's `delta`, when it is text. */
function deltaOf(event: StreamEvents): string | undefined {
  const { delta } = event as { delta?: unknown };
  return typeof delta === "string" ? delta : undefined;
}

/**
 * A streamed Responses API answer: typed events, the text, and the final response.
 * @example
 * const stream = await streamResponse(client, { model: "openai/gpt-4o", input: "Hi" });
 * for await (const event of stream) if (event.type === "response.output_text.delta") print(event.delta);
 * const response = await stream.finalResponse();
 */
export class ResponsesStream extends EventStream<StreamEvents, OpenResponsesResult> {
  constructor(body: ReadableStream<Uint8Array>, options?: StreamOptions, response?: Response) {
    super(body, responsesProtocol, options, response);
  }

  /** The response from `response.completed`, or as assembled from the events. */
  finalResponse(): Promise<OpenResponsesResult> {
    return this.final();
  }

  /** The visible text of all output messages. */
  async finalText(): Promise<string> {
    return outputText(await this.final());
  }
}

/** Sends `POST /responses` with `stream: true`; resolves once the headers arrive. */
export function streamResponse(
  client: OpenRouterClient,
  body: RequestBody<"createResponses">,
  options: StreamRequestOptions = {},
): Promise<ResponsesStream> {
  return postStream(ResponsesStream, client, "/responses", body, options);
}
