import type { ChatStreamChunk } from "@or/types";
import { ChatAccumulator, type ChatCompletion } from "./chat-accumulator";
import type { Protocol } from "./protocol";
import { isRecord, wireFailure } from "./wire-data";

type Fields = Record<string, any>;

/** Chat completions: `data:` chunks ending with `[DONE]`; errors as a top-level `error`. */
export const chatProtocol: Protocol<ChatStreamChunk, ChatCompletion> = {
  noun: "chat completion",
  accumulator: () => new ChatAccumulator(),
  errorOf(chunk) {
    const { error } = chunk;
    if (error) return wireFailure(error, "The provider failed mid-stream.");
    // A choice that finished with "error" but no error object is a failure all the same.
    return choicesOf(chunk).some((choice) => choice?.finish_reason === "error")
      ? { message: 'The provider ended the answer with finish_reason "error".' }
      : undefined;
  },
  completes: (chunk) => choicesOf(chunk).some((choice) => choice?.finish_reason != null),
  text: (chunk) => textOf(firstChoiceDelta(chunk)?.content),
  reasoning: (chunk) => textOf(firstChoiceDelta(chunk)?.reasoning),
  // Listeners imply accumulation, which has checked every index of the chunk by now.
  dispatch(chunk, emit, accumulated, emitOnce) {
    for (const { index = 0, delta, finish_reason } of choicesOf(chunk) as Fields[]) {
      const { content, reasoning, tool_calls } = (delta ?? {}) as Fields;
      if (typeof content === "string" && content) emit("content", content, index);
      if (typeof reasoning === "string" && reasoning) emit("reasoning", reasoning, index);
      for (const call of (tool_calls ?? []) as Fields[]) {
        const fn = isRecord(call.function) ? call.function : {};
        emit("toolCallDelta", {
          choiceIndex: index,
          index: call.index ?? 0,
          id: call.id,
          name: fn.name,
          argumentsDelta: textOf(fn.arguments) ?? "",
        });
      }
      // 2026 streams repeat the finish reason on the usage chunk: a call is done once. (The
      // accumulator keeps one object per call, so the object is the key.)
      if (finish_reason != null && accumulated instanceof ChatAccumulator) {
        for (const call of accumulated.toolCalls(index))
          emitOnce(call, "toolCallDone", call, index);
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

const NO_CHOICES: readonly Fields[] = [];

/** The chunk's choices, or none when it sends something else. */
function choicesOf(chunk: ChatStreamChunk): readonly Fields[] {
  const { choices } = chunk as Fields;
  return Array.isArray(choices) ? choices : NO_CHOICES;
}

function firstChoiceDelta(chunk: ChatStreamChunk): Fields | undefined {
  const choice = choicesOf(chunk).find((c) => isRecord(c) && (c.index ?? 0) === 0);
  return isRecord(choice?.delta) ? choice.delta : undefined;
}

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;
