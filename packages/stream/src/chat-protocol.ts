import type { ChatStreamChunk } from "@or/types";
import { ChatAccumulator, type ChatCompletion } from "./chat-accumulator";
import type { Protocol } from "./protocol";

/** Chat completions: `data:` chunks ending with `[DONE]`; errors as a top-level `error`. */
export const chatProtocol: Protocol<ChatStreamChunk, ChatCompletion> = {
  noun: "chat completion",
  accumulator: () => new ChatAccumulator(),
  errorOf({ error, choices }) {
    if (error) {
      return {
        message: error.message ?? "The provider failed mid-stream.",
        code: error.code,
        metadata: (error as { metadata?: Record<string, unknown> }).metadata ?? undefined,
      };
    }
    // A choice that finished with "error" but no error object is a failure all the same.
    return choices?.some((choice) => choice.finish_reason === "error")
      ? { message: 'The provider ended the answer with finish_reason "error".' }
      : undefined;
  },
  completes: (chunk) => chunk.choices?.some((choice) => choice.finish_reason != null) ?? false,
  text: (chunk) => firstChoiceDelta(chunk)?.content ?? undefined,
  reasoning: (chunk) => firstChoiceDelta(chunk)?.reasoning ?? undefined,
  dispatch(chunk, emit, accumulated) {
    for (const { index, delta, finish_reason } of chunk.choices ?? []) {
      const { content, reasoning, tool_calls } = delta ?? {};
      if (content) emit("content", content, index);
      if (reasoning) emit("reasoning", reasoning, index);
      for (const call of tool_calls ?? []) {
        emit("toolCallDelta", {
          choiceIndex: index,
          index: call.index,
          id: call.id,
          name: call.function?.name,
          argumentsDelta: call.function?.arguments ?? "",
        });
      }
      if (finish_reason != null && accumulated instanceof ChatAccumulator) {
        for (const call of accumulated.toolCalls(index)) emit("toolCallDone", call, index);
      }
    }
  },
  // No id or model: on the far side they would replace the real ones in the partial completion.
  errorEvent: ({ message, status }) => ({
    data: JSON.stringify({
      object: "chat.completion.chunk",
      error: { code: status ?? 502, message },
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
    }),
  }),
};

function firstChoiceDelta(chunk: ChatStreamChunk) {
  return chunk.choices?.find((choice) => choice.index === 0)?.delta;
}
