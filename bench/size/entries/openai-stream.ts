// openai's streaming path: the client and `.stream()` accumulating into the final completion.
import OpenAI from "openai";

export async function streamText(content: string): Promise<unknown> {
  const client = new OpenAI({
    baseURL: "https://openrouter.ai/api/v1",
    apiKey: "sk-or-v1-0",
    dangerouslyAllowBrowser: true,
  });
  const stream = client.chat.completions.stream({
    model: "openai/gpt-4o",
    messages: [{ role: "user", content }],
  });
  const completion = await stream.finalChatCompletion();
  return completion.choices[0]?.message.content;
}
