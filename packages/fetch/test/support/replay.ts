import {
  loadFixtures,
  startReplayServer,
  type ReplayServer,
  type ReplayServerOptions,
} from "@or/testing";
import { afterEach, beforeAll, beforeEach } from "vitest";
import { createOpenRouter, type OpenRouterOptions } from "../../src/index.js";
import { MemoryLogger } from "./memory-logger.js";
import { TEST_KEY } from "./test-key.js";

/**
 * A fresh replay server for each test (fixtures read once per file), closed after it: a
 * request a test leaves in flight can never land in another test's `requests`. Read `.server`
 * inside tests.
 */
export function useReplayServer(options: ReplayServerOptions = {}): { server: ReplayServer } {
  const handle = {} as { server: ReplayServer };
  let fixtures: ReplayServerOptions["fixtures"];
  beforeAll(() => {
    fixtures = options.fixtures ?? loadFixtures();
  });
  beforeEach(async () => {
    handle.server = await startReplayServer({ record: false, ...options, fixtures });
  });
  afterEach(() => handle.server?.close());
  return handle;
}

/**
 * A client of the replay server that logs everything into a `MemoryLogger`, with short
 * backoff waits unless `retry` says otherwise.
 */
export function replayClient<Throws extends boolean = false>(
  server: ReplayServer,
  options: OpenRouterOptions & { throwOnError?: Throws } = {},
) {
  const logger = new MemoryLogger();
  const client = createOpenRouter<Throws>({
    apiKey: TEST_KEY,
    baseUrl: server.url,
    logger,
    logLevel: "debug",
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { client, logger };
}
