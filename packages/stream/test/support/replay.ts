import { createOpenRouter, type OpenRouterClient } from "@or/fetch";
import { startReplayServer, type Fault, type ReplayServer } from "@or/testing";
import { afterAll, beforeAll, beforeEach } from "vitest";

/** A placeholder key: the replay server only checks that one is sent. */
export const TEST_KEY = "sk-or-v1-000000000000";

export interface ReplayContext {
  server: ReplayServer;
  client: OpenRouterClient;
}

/**
 * Starts one replay server for the test file and a client on it (retries fast, so retry
 * faults do not slow the suite). The server's request log is cleared before each test.
 */
export function useReplayServer(): ReplayContext {
  const context = {} as ReplayContext;
  beforeAll(async () => {
    context.server = await startReplayServer({ record: false });
    context.client = createOpenRouter({
      baseUrl: context.server.url,
      apiKey: TEST_KEY,
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    });
  });
  beforeEach(() => context.server.reset());
  afterAll(() => context.server.close());
  return context;
}

/** Request headers that pick a fixture (`op/name`) and, optionally, faults. */
export function fixtureHeaders(fixture: string, faults?: Fault | Fault[]): Record<string, string> {
  const headers: Record<string, string> = { "x-or-fixture": fixture };
  if (faults !== undefined) headers["x-or-fault"] = JSON.stringify(faults);
  return headers;
}
