// @openrouter/sdk's smallest streaming path: the standalone `chatSend` function on `OpenRouterCore`
// (the SDK's tree-shakeable form), joining the streamed text.
import { OpenRouterCore } from "@openrouter/sdk/core.js";
import { chatSend } from "@openrouter/sdk/funcs/chatSend.js";

export async function streamText(content: string): Promise<unknown> {
  const client = new OpenRouterCore({ apiKey: "sk-or-v1-0" });
  const result = await chatSend(client, {
    chatRequest: { model: "openai/gpt-4o", messages: [{ role: "user", content }], stream: true },
  });
  if (!result.ok) throw result.error;
  if (!(Symbol.asyncIterator in result.value)) return result.value.choices[0]?.message.content;
  let text = "";
  for await (const chunk of result.value) text += chunk.choices[0]?.delta.content ?? "";
  return text;
}
