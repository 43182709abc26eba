// @openrouter/sdk's streaming path as its README shows it: the `OpenRouter` class.
import { OpenRouter } from "@openrouter/sdk";

export async function streamText(content: string): Promise<unknown> {
  const client = new OpenRouter({ apiKey: "sk-or-v1-0" });
  const stream = await client.chat.send({
    chatRequest: { model: "openai/gpt-4o", messages: [{ role: "user", content }], stream: true },
  });
  if (!(Symbol.asyncIterator in stream)) return stream.choices[0]?.message.content;
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  return text;
}
