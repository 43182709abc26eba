import { createOpenRouter } from "@or/fetch";
import { streamChat } from "@or/stream";
import { runAgentLoop } from "./agent-loop";
import { engineName } from "./engine";
import { summarizeStream } from "./stream-summary";
import type { RunSummary } from "./summary";

/** A placeholder key: the replay server only checks that a bearer token is present. */
export const PLACEHOLDER_KEY = `sk-or-v1-${"0".repeat(64)}`;

/** The recorded answers every runtime asks for (`x-or-fixture`), so all compare to the same values. */
export const MODELS_FIXTURE = "getModels/list-models";
export const CHAT_FIXTURE = "sendChatCompletionRequest/stream-text";

/**
 * What every runtime runs: a typed `GET /models`, then a streamed chat read delta by delta and
 * assembled by `finalCompletion()`, then a two-step tool loop of `@or/agent`. Only web-standard APIs are touched, so the same code runs
 * unchanged in Node, Bun, Deno, workerd and a browser.
 * @example
 * const summary = await runClient("http://127.0.0.1:8080/api/v1", "node");
 */
export async function runClient(baseUrl: string, runtime: string): Promise<RunSummary> {
  const client = createOpenRouter({
    apiKey: PLACEHOLDER_KEY,
    baseUrl,
    throwOnError: true,
    retry: false,
  });

  const { data: models } = await client.GET("/models", {
    headers: { "x-or-fixture": MODELS_FIXTURE },
  });

  const stream = await streamChat(
    client,
    {
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "What does a lighthouse keeper do?" }],
    },
    { headers: { "x-or-fixture": CHAT_FIXTURE } },
  );
  const streamed = await summarizeStream(stream);
  return {
    runtime,
    engine: engineName(),
    modelIds: models.data.map((model) => model.id),
    ...streamed,
    generationId: stream.generationId ?? null,
    agent: await runAgentLoop(client),
  };
}
