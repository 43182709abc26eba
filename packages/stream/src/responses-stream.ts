import type { OpenRouterClient } from "@or/fetch";
import type { OpenResponsesResult, RequestBody, StreamEvents } from "@or/types";
import { EventStream, type StreamOptions } from "./event-stream";
import { postStream, type StreamRequestOptions } from "./post-stream";
import type { Protocol } from "./protocol";
import { outputText, ResponsesAccumulator } from "./responses-accumulator";

const TERMINAL = new Set(["response.completed", "response.incomplete"]);

/** Responses API: `data:` events typed by their `type`, `[DONE]` at the end. */
export const responsesProtocol: Protocol<StreamEvents, OpenResponsesResult> = {
  noun: "response",
  accumulator: () => new ResponsesAccumulator(),
  errorOf(event) {
    const e = event as Record<string, any>;
    if (e.type === "error")
      return {
        message: e.message ?? "The response failed.",
        code: e.code ?? undefined,
        metadata: e.metadata,
      };
    if (e.type === "response.failed") {
      const error = e.response?.error;
      return {
        message: error?.message ?? "The response failed.",
        code: error?.code,
        metadata: error?.metadata,
      };
    }
    return undefined;
  },
  completes: (event) => TERMINAL.has(event.type),
  text: (event) =>
    event.type === "response.output_text.delta" ? (event as { delta: string }).delta : undefined,
  reasoning: (event) =>
    event.type === "response.reasoning_text.delta" ||
    event.type === "response.reasoning_summary_text.delta"
      ? (event as { delta: string }).delta
      : undefined,
  dispatch(event, emit) {
    const e = event as Record<string, any>;
    if (e.type === "response.output_text.delta") emit("content", e.delta, e.output_index);
    else if (e.type === "response.reasoning_text.delta") emit("reasoning", e.delta, e.output_index);
    else if (e.type === "response.function_call_arguments.delta") {
      emit("toolCallDelta", { index: e.output_index, id: e.item_id, argumentsDelta: e.delta });
    } else if (e.type === "response.output_item.done" && e.item?.type === "function_call") {
      emit("toolCallDone", e.item, e.output_index);
    }
    emit(e.type, event);
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
