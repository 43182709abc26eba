import { createOpenRouter, type OpenRouterClient } from "@or/fetch";
import {
  loadFixtures,
  startReplayServer,
  type Fault,
  type Fixture,
  type ReplayServer,
} from "@or/testing";
import { afterEach, beforeAll, beforeEach } from "vitest";

/** A placeholder key: the replay server only checks that one is sent. */
export const TEST_KEY = "sk-or-v1-000000000000";

export interface ReplayContext {
  server: ReplayServer;
  client: OpenRouterClient;
}

/**
 * A fresh replay server for each test (fixtures read once per file) and a client on it (retries
 * fast, so retry faults do not slow the suite), closed after the test: a request one test leaves
 * in flight can never land in another test's `requests`.
 */
export function useReplayServer(): ReplayContext {
  const context = {} as ReplayContext;
  let fixtures: Fixture[];
  beforeAll(() => {
    fixtures = loadFixtures();
  });
  beforeEach(async () => {
    context.server = await startReplayServer({ record: false, fixtures });
    context.client = createOpenRouter({
      baseUrl: context.server.url,
      apiKey: TEST_KEY,
      retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    });
  });
  afterEach(() => context.server?.close());
  return context;
}

/** Request headers that pick a fixture (`op/name`) and, optionally, faults. */
export function fixtureHeaders(fixture: string, faults?: Fault | Fault[]): Record<string, string> {
  const headers: Record<string, string> = { "x-or-fixture": fixture };
  if (faults !== undefined) headers["x-or-fault"] = JSON.stringify(faults);
  return headers;
}
