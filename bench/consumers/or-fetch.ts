// The type-check consumer for @or/fetch: four typed calls. Its twin, openrouter-sdk.ts, makes the
// same four calls with @openrouter/sdk. Checked by `tsc -p tsconfig.or-fetch.json`, never run.
import { createOpenRouter } from "@or/fetch";

const client = createOpenRouter({ apiKey: "sk-or-v1-0", appTitle: "consumer" });

export async function fourCalls() {
  const chat = await client.POST("/chat/completions", {
    body: { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
  });
  const models = await client.GET("/models");
  const credits = await client.GET("/credits");
  const generation = await client.GET("/generation", { params: { query: { id: "gen-1" } } });
  return {
    text: chat.data?.choices[0]?.message.content,
    firstModel: models.data?.data[0]?.id,
    credits: credits.data?.data.total_credits,
    cost: generation.data?.data.total_cost,
  };
}
