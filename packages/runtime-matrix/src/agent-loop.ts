import { defineTool, runTools } from "@or/agent";
import type { OpenRouterClient } from "@or/fetch";
import { z } from "zod";

/** The model the matrix's agent fixtures answer to (`fixtures/sendChatCompletionRequest/agent-matrix-*`). */
export const AGENT_MODEL = "test/matrix-agent";

/** What a two-step tool loop of `@or/agent` did, as plain JSON. */
export interface AgentSummary {
  /** Event types in order. */
  events: string[];
  /** The validated arguments each call got. */
  toolArgs: unknown[];
  text: string;
  steps: { generationId: string | null; finishReason: string | null }[];
  totalTokens: number | null;
  /** Roles of the conversation at the end. */
  roles: string[];
}

/**
 * A two-step tool loop with a zod 4 schema: the model calls `get_weather`, gets its result,
 * answers. Only web-standard APIs, so it runs unchanged in every runtime of the matrix.
 */
export async function runAgentLoop(client: OpenRouterClient): Promise<AgentSummary> {
  const toolArgs: unknown[] = [];
  const getWeather = defineTool({
    name: "get_weather",
    description: "The weather in a city",
    parameters: z.object({ city: z.string() }),
    execute: async (args) => {
      toolArgs.push(args);
      return { city: args.city, celsius: 24, sky: "clear" };
    },
  });
  const run = runTools(client, {
    model: AGENT_MODEL,
    messages: [{ role: "user", content: "What is the weather in Nairobi?" }],
    tools: [getWeather],
  });
  const events: string[] = [];
  for await (const event of run) events.push(event.type);
  return {
    events,
    toolArgs,
    text: await run.finalText(),
    steps: run.steps.map((step) => ({
      generationId: step.generationId ?? null,
      finishReason: step.finishReason ?? null,
    })),
    totalTokens: run.usage?.total_tokens ?? null,
    roles: run.messages.map((message) => message.role),
  };
}
