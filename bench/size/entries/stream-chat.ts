// Size budget (2), and our side of the streaming-path comparison: (1) plus a streamed chat whose
// chunks are accumulated into the final completion.
import { createOpenRouter } from "@or/fetch";
import { streamChat } from "@or/stream";

export { ask } from "./chat-call.ts";

export async function streamText(content: string): Promise<unknown> {
  const client = createOpenRouter({ appTitle: "size check" });
  const stream = await streamChat(client, {
    model: "openai/gpt-4o",
    messages: [{ role: "user", content }],
  });
  const completion = await stream.finalCompletion();
  return completion.choices[0]?.message.content;
}
