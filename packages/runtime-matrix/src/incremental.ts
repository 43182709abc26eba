import { createOpenRouter } from "@or/fetch";
import { streamChat } from "@or/stream";
import { CHAT_FIXTURE, PLACEHOLDER_KEY } from "./client";

/**
 * Proves a runtime streams incrementally without measuring time: the server stalls for good
 * after `items` events, so the first deltas can only be seen if the runtime hands bytes over
 * as they arrive. Returns those deltas and aborts the stream; a buffering runtime hangs here
 * until the caller's timeout.
 * @example
 * const deltas = await deltasBeforeStall("http://127.0.0.1:8080/api/v1", 3);
 */
export async function deltasBeforeStall(baseUrl: string, items: number): Promise<string[]> {
  const client = createOpenRouter({ apiKey: PLACEHOLDER_KEY, baseUrl, retry: false });
  const stream = await streamChat(
    client,
    {
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "What does a lighthouse keeper do?" }],
    },
    {
      headers: {
        "x-or-fixture": CHAT_FIXTURE,
        "x-or-fault": JSON.stringify({ type: "stall", afterItems: items }),
      },
    },
  );
  const deltas: string[] = [];
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta.content;
    if (text) deltas.push(text);
    if (deltas.length === items) break;
  }
  stream.abort("seen enough");
  return deltas;
}
