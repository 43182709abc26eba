import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChatStream, MessagesStream, ResponsesStream } from "../src/index.ts";
import { splitAt, splitEvery, streamOf } from "./support/byte-streams.ts";
import { fixture, recordedBytes } from "./support/fixtures.ts";

type Kind = "chat" | "responses" | "messages";

const open = (kind: Kind, body: ReadableStream<Uint8Array>, onComment: (c: string) => void) => {
  const options = { accumulate: true, onComment };
  if (kind === "chat") return ChatStream.fromReadableStream(body, options);
  if (kind === "responses") return ResponsesStream.fromReadableStream(body, options);
  return MessagesStream.fromReadableStream(body, options);
};

/** Chunks, comments and the final object (or the error) of a stream read from `pieces`. */
async function read(kind: Kind, pieces: Uint8Array[]) {
  const comments: string[] = [];
  const stream = open(kind, streamOf(pieces), (c) => comments.push(c));
  const chunks: unknown[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<unknown>) chunks.push(chunk);
  } catch (error) {
    return { chunks, comments, error: (error as Error).name };
  }
  const final =
    kind === "chat"
      ? await (stream as ChatStream).finalCompletion()
      : await (stream as ResponsesStream).finalText();
  return { chunks, comments, final };
}

const CASES: [Kind, string][] = [
  ["chat", "sendChatCompletionRequest/stream-utf8"],
  ["chat", "sendChatCompletionRequest/stream-crlf"],
  ["chat", "sendChatCompletionRequest/stream-tool-calls"],
  ["chat", "sendChatCompletionRequest/stream-reasoning"],
  ["chat", "sendChatCompletionRequest/stream-keepalive"],
  ["chat", "sendChatCompletionRequest/stream-after-done"],
  ["chat", "sendChatCompletionRequest/stream-error-string-code"],
  ["chat", "sendChatCompletionRequest/stream-truncated"],
  ["responses", "createResponses/stream-reasoning"],
  ["messages", "createMessages/stream-tool-use"],
];

describe("any re-chunking of a recorded stream gives the same chunks and final result", () => {
  it.each(CASES)("%s: %s", async (kind, key) => {
    const bytes = recordedBytes(fixture(key));
    const reference = await read(kind, [bytes]);
    expect(reference.chunks.length).toBeGreaterThan(2);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 64 }),
        async (cuts) => {
          expect(await read(kind, splitAt(bytes, cuts))).toEqual(reference);
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), async (size) => {
        expect(await read(kind, splitEvery(bytes, size))).toEqual(reference);
      }),
      { numRuns: 7 },
    );
  });
});
