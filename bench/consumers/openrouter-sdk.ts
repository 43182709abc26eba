// The type-check consumer for @openrouter/sdk: the same four calls as or-fetch.ts.
import { OpenRouter } from "@openrouter/sdk";

const client = new OpenRouter({ apiKey: "sk-or-v1-0" });

export async function fourCalls() {
  const chat = await client.chat.send({
    chatRequest: { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
  });
  const models = await client.models.list();
  const credits = await client.credits.getCredits();
  const generation = await client.generations.getGeneration({ id: "gen-1" });
  return {
    text: Symbol.asyncIterator in chat ? undefined : chat.choices[0]?.message.content,
    firstModel: models.result.data[0]?.id,
    credits: credits.data.totalCredits,
    cost: generation.data.totalCost,
  };
}
