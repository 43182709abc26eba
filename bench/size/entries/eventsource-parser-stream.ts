// The hand-written floor: `fetch`, eventsource-parser and `JSON.parse`, joining the streamed text.
import { createParser } from "eventsource-parser";

export async function streamText(content: string): Promise<string> {
  const response = await fetch("https://openrouter.ai/api/v1/chat/completions", {
    method: "POST",
    headers: { authorization: "Bearer sk-or-v1-0", "content-type": "application/json" },
    body: JSON.stringify({
      model: "openai/gpt-4o",
      messages: [{ role: "user", content }],
      stream: true,
    }),
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  let text = "";
  const parser = createParser({
    onEvent(event) {
      if (event.data === "[DONE]") return;
      const chunk = JSON.parse(event.data) as { choices?: { delta?: { content?: string } }[] };
      text += chunk.choices?.[0]?.delta?.content ?? "";
    },
  });
  const decoder = new TextDecoder();
  for await (const bytes of response.body) parser.feed(decoder.decode(bytes, { stream: true }));
  return text;
}
