import { afterEach, beforeEach } from "vitest";
import { createOpenRouter, type OpenRouterClient } from "@or/fetch";
import { startReplayServer, type ReplayServer } from "@or/testing";
import { agentFixtures } from "./fixtures/agent-fixtures";

export interface TestServer {
  server: ReplayServer;
  client: OpenRouterClient;
}

/** A replay server with the agent's fixtures and a client of it, fresh for each test. */
export function useAgentServer(): TestServer {
  const context = {} as TestServer;
  beforeEach(async () => {
    context.server = await startReplayServer({ fixtures: agentFixtures, record: false });
    context.client = createOpenRouter({
      apiKey: `sk-or-v1-${"0".repeat(64)}`,
      baseUrl: context.server.url,
      retry: false,
    });
  });
  afterEach(async () => {
    await context.server.close();
  });
  return context;
}

/** The request of a scenario: `test/<scenario>` is the model its fixtures answer to. */
export function scenario(name: string, content = "What is the weather in Paris?") {
  return { model: `test/${name}`, messages: [{ role: "user" as const, content }] };
}
