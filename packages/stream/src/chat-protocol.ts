import type { ChatStreamChunk } from "@or/types";
import { ChatAccumulator, type ChatCompletion } from "./chat-accumulator";
import type { Protocol } from "./protocol";

/** Chat completions: `data:` chunks ending with `[DONE]`; errors as a top-level `error`. */
export const chatProtocol: Protocol<ChatStreamChunk, ChatCompletion> = {
  noun: "chat completion",
  accumulator: () => new ChatAccumulator(),
  errorOf(chunk) {
    const error = chunk.error;
    if (!error) {
      // A choice that finished with "error" but no error object is a failure all the same.
      return finishedWith(chunk, "error")
        ? { message: 'The provider ended the answer with finish_reason "error".' }
        : undefined;
    }
    const metadata = (error as { metadata?: Record<string, unknown> | null }).metadata ?? undefined;
    return {
      message: error.message ?? "The provider failed mid-stream.",
      code: error.code,
      metadata,
    };
  },
  completes: (chunk) => finishedWith(chunk, undefined),
  text: (chunk) => firstChoiceDelta(chunk)?.content ?? undefined,
  reasoning: (chunk) => firstChoiceDelta(chunk)?.reasoning ?? undefined,
  dispatch(chunk, emit, accumulated) {
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      if (delta.content) emit("content", delta.content, choice.index);
      if (delta.reasoning) emit("reasoning", delta.reasoning, choice.index);
      for (const call of delta.tool_calls ?? []) {
        emit("toolCallDelta", {
          choiceIndex: choice.index,
          index: call.index,
          id: call.id,
          name: call.function?.name,
          argumentsDelta: call.function?.arguments ?? "",
        });
      }
      if (choice.finish_reason != null && accumulated instanceof ChatAccumulator) {
        for (const call of accumulated.toolCalls(choice.index))
          emit("toolCallDone", call, choice.index);
      }
    }
  },
  errorEvent: ({ message, status }) => ({
    data: JSON.stringify({
      id: "error",
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model: "",
      error: { code: status ?? 502, message },
      choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
    }),
  }),
};

/** Whether a choice of this chunk finished (with `reason`, when given). A loop: it runs per chunk. */
function finishedWith(chunk: ChatStreamChunk, reason: string | undefined): boolean {
  const choices = chunk.choices;
  if (!choices) return false;
  for (let i = 0; i < choices.length; i++) {
    const finish = choices[i]!.finish_reason;
    if (finish != null && (reason === undefined || finish === reason)) return true;
  }
  return false;
}

function firstChoiceDelta(chunk: ChatStreamChunk) {
  const first = chunk.choices?.[0];
  return first && first.index === 0
    ? first.delta
    : chunk.choices?.find((c) => c.index === 0)?.delta;
}
