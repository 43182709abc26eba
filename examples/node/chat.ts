// A typed `GET /models`, then a streamed chat printed token by token.
// Run: `pnpm --filter @or/examples exec tsx node/chat.ts` (after `pnpm build`). With
// OPENROUTER_API_KEY set it talks to OpenRouter; without, to the replay server of @or/testing.
import { createOpenRouter } from "@or/fetch";
import { streamChat } from "@or/stream";
import { startReplayServer } from "@or/testing";

const apiKey = process.env.OPENROUTER_API_KEY;
const replay = apiKey ? undefined : await startReplayServer({ record: false });

try {
  // `throwOnError: true`: error answers are thrown as typed `OpenRouterError`s, so `data` is always set.
  const client = createOpenRouter({
    apiKey: apiKey ?? "sk-or-v1-replay",
    baseUrl: replay?.url,
    appTitle: "or-sdk node example",
    throwOnError: true,
  });

  const { data: models } = await client.GET("/models");
  console.log(`${models.data.length} models, e.g.:`);
  for (const model of models.data.slice(0, 3)) {
    console.log(`  ${model.id}  (context ${model.context_length ?? "?"} tokens)`);
  }

  const stream = await streamChat(client, {
    model: "openai/gpt-4o",
    messages: [{ role: "user", content: "In one sentence, what does a lighthouse keeper do?" }],
  });
  for await (const text of stream.textStream) process.stdout.write(text);
  const completion = await stream.finalCompletion();
  console.log(
    `\n\nfinish: ${completion.choices[0]?.finish_reason}, tokens: ${completion.usage?.total_tokens}`,
  );
} finally {
  await replay?.close();
}
