import { createOpenRouter } from "../../src/index.js";
import { startLoopbackServer } from "./loopback-server.js";
import { MemoryLogger } from "./memory-logger.js";
import { TEST_KEY } from "./test-key.js";

/**
 * A client of a loopback port that was just closed, so every attempt is refused, with a
 * debug-level `MemoryLogger` and short backoff waits.
 */
export async function refusedClient() {
  const closed = await startLoopbackServer(() => undefined);
  await closed.close();
  const logger = new MemoryLogger();
  const client = createOpenRouter({
    apiKey: TEST_KEY,
    baseUrl: closed.origin,
    logger,
    logLevel: "debug",
    retry: { initialDelayMs: 1 },
  });
  return { client, logger };
}
