// What the tests use as a client: Node's own fetch, reading raw bytes chunk by chunk.
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, beforeEach } from "vitest";
import type { Fixture } from "../src/fixture-format";
import { loadFixtures } from "../src/fixtures";
import { startReplayServer, type ReplayServer } from "../src/replay-server";

/** A placeholder key: `sk-or-v1-` and zeros only. */
export const TEST_KEY = `sk-or-v1-${"0".repeat(64)}`;
export const AUTH = { authorization: `Bearer ${TEST_KEY}` };

export const testFixturesDir = fileURLToPath(new URL("./fixtures/replay", import.meta.url));
export const testFixtures = () => loadFixtures(testFixturesDir);

/** The test fixture `operationId/name`. */
export const testFixture = (key: string) =>
  testFixtures().find((f) => `${f.operationId}/${f.name}` === key) as Fixture;

/**
 * A fresh replay server over the test fixtures (read once per file) for each test, handed to
 * `use` once started and closed after the test: a request one test leaves in flight can never
 * land in another test's `requests`.
 */
export function useTestServer(use: (server: ReplayServer) => void): void {
  let server: ReplayServer | undefined;
  let fixtures: Fixture[];
  beforeAll(() => {
    fixtures = testFixtures();
  });
  beforeEach(async () => {
    server = await startReplayServer({ fixtures, record: false });
    use(server);
  });
  afterEach(() => server?.close());
}

export interface RawRead {
  chunks: Uint8Array[];
  bytes: Buffer;
  text: string;
  /** Set when the body ended in a network error instead of cleanly. */
  error?: unknown;
}

/** Reads a body to its end, keeping each chunk as it arrived and any error that cut it off. */
export async function readRaw(res: Response): Promise<RawRead> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let error: unknown;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(next.value);
  } catch (caught) {
    error = caught;
  }
  const bytes = Buffer.concat(chunks);
  return { chunks, bytes, text: bytes.toString("utf8"), ...(error !== undefined && { error }) };
}

/** Reads until the text so far satisfies `done`; leaves the rest of the body unread. */
export async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  while (!done(text)) {
    const next = await reader.read();
    if (next.done)
      throw new Error(`body ended before the condition held; got ${JSON.stringify(text)}`);
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

/**
 * Waits for a condition that some other part of the process makes true (`what` names it for the
 * reader). No deadline of its own: a loaded machine can take any time; the test timeout catches a hang.
 */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  void what;
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
