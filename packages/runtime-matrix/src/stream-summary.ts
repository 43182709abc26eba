import type { ChatStream } from "@or/stream";

/** What a re-emitted chat stream delivered, as read on the far side with `fromReadableStream`. */
export interface StreamSummary {
  deltas: string[];
  text: string;
  finishReason: string | null;
  usage: { prompt: number; completion: number; total: number } | null;
}

/** Reads a chat stream to its end: the deltas as they came, then the final completion. */
export async function summarizeStream(stream: ChatStream): Promise<StreamSummary> {
  const deltas: string[] = [];
  const completion = stream.finalCompletion();
  for await (const text of stream.textStream) deltas.push(text);
  const final = await completion;
  const choice = final.choices[0];
  return {
    deltas,
    text: typeof choice?.message.content === "string" ? choice.message.content : "",
    finishReason: choice?.finish_reason ?? null,
    usage: final.usage
      ? {
          prompt: final.usage.prompt_tokens,
          completion: final.usage.completion_tokens,
          total: final.usage.total_tokens,
        }
      : null,
  };
}
