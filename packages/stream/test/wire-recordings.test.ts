import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ChatStream,
  ResponsesStream,
  StreamError,
  type ChatCompletion,
  type EventStream,
} from "../src/index.ts";
import { splitAt, streamOf } from "./support/byte-streams.ts";
import {
  chatFacts,
  expectedUsageChunk,
  independentEvents,
  recordingBytes,
  RECORDINGS_DIR,
  RECORDINGS_FOUND,
  responsesFacts,
  streamRecordings,
  type Recording,
} from "./support/wire-recordings.ts";

/** Re-chunkings per recording: 11 recordings, each read whole and this many times cut at random. */
const RECHUNK_RUNS = 40;

const suite = RECORDINGS_FOUND ? describe : describe.skip;
const title = RECORDINGS_FOUND
  ? "real OpenRouter streams (../shared/wire-recordings)"
  : `real OpenRouter streams: skipped, no recordings at ${RECORDINGS_DIR} (CI has them; see its README)`;

const recordings = streamRecordings();
const chats = recordings.filter((r) => r.kind === "chat-stream");
const responses = recordings.filter((r) => r.kind === "responses-stream");

const label = (r: Recording) => `${r.id} (${r.recorded_at?.slice(0, 7) ?? "undated"})`;

/** Everything a consumer sees of a stream: the final object or error, warnings and UI events. */
async function consume(stream: EventStream<any, any>, final: () => Promise<unknown>) {
  const toolCallsDone: unknown[] = [];
  const comments: string[] = [];
  let dones = 0;
  stream.on("toolCallDone", (call: unknown) => toolCallsDone.push(call));
  stream.on("comment", (comment: string) => comments.push(comment));
  stream.on("done", () => dones++);
  let result: unknown;
  let error: unknown;
  try {
    result = await final();
  } catch (e) {
    error = e;
  }
  const warnings = stream.warnings.map((w) => ({ message: w.message, status: w.status }));
  return { result, error, warnings, toolCallsDone, comments: comments.length, dones };
}

const httpResponse = (bytes: Uint8Array<ArrayBuffer>) =>
  new Response(bytes, { status: 200, headers: { "content-type": "text/event-stream" } });

/** How a stream class is opened on a whole `Response` or on bytes cut into pieces. */
interface Opens<S> {
  fromResponse(response: Response): S;
  fromReadableStream(body: ReadableStream<Uint8Array>): S;
}

function readerOf<S extends EventStream<any, any>>(
  Stream: Opens<S>,
  final: (stream: S) => Promise<unknown>,
) {
  return (source: Uint8Array[] | Response) => {
    const stream =
      source instanceof Response
        ? Stream.fromResponse(source)
        : Stream.fromReadableStream(streamOf(source));
    return consume(stream, () => final(stream));
  };
}

const readChat = readerOf(ChatStream as Opens<ChatStream>, (s) => s.finalCompletion());
const readResponses = readerOf(ResponsesStream as Opens<ResponsesStream>, (s) => s.finalResponse());

/** Cuts `bytes` at random offsets, `RECHUNK_RUNS` times; every reading must equal `reference`. */
async function expectSameWhenRechunked(
  bytes: Uint8Array,
  read: (pieces: Uint8Array[]) => Promise<unknown>,
  reference: unknown,
) {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { minLength: 1, maxLength: 48 }),
      async (cuts) => {
        expect(await read(splitAt(bytes, cuts))).toEqual(reference);
      },
    ),
    { numRuns: RECHUNK_RUNS },
  );
}

suite(title, () => {
  it("the manifest lists chat and Responses streams", () => {
    expect(chats.length).toBeGreaterThan(0);
    expect(responses.length).toBeGreaterThan(0);
  });

  describe.each(chats.map((r) => [label(r), r] as const))("chat: %s", (_label, recording) => {
    const bytes = recordingBytes(recording);
    const { chunks, comments } = independentEvents(bytes);
    const facts = chatFacts(chunks);

    it("accumulates what the bytes say: text, reasoning, tool calls, usage, finish reason", async () => {
      const read = await readChat(httpResponse(bytes));
      const completion = read.result as ChatCompletion;
      expect(read.error).toBeUndefined();
      const message = completion.choices[0]!.message as Record<string, any>;
      expect(message.content ?? "").toBe(facts.content);
      expect(message.reasoning ?? "").toBe(facts.reasoning);
      expect(
        (message.tool_calls ?? []).map((c: Record<string, any>) => ({
          id: c.id,
          name: c.function.name,
          arguments: c.function.arguments,
        })),
      ).toEqual(facts.toolCalls);
      expect(completion.usage).toEqual(facts.usage);
      expect(completion.choices[0]!.finish_reason).toBe(facts.finishReason);
      expect(read.comments).toBe(comments);
      expect(read.dones).toBe(1);
    });

    it("toolCallDone fires exactly once per tool call, with the whole arguments", async () => {
      const read = await readChat(httpResponse(bytes));
      expect(
        (read.toolCallsDone as Record<string, any>[]).map((c) => ({
          id: c.id,
          name: c.function.name,
          arguments: c.function.arguments,
        })),
      ).toEqual(facts.toolCalls);
    });

    it("the usage chunk has the shape of its period", () => {
      const expected = expectedUsageChunk(recording.recorded_at);
      if (expected === undefined) return;
      expect(facts.usageChunk).toBe(expected);
    });

    if (facts.error) {
      it("its in-stream error is typed and keeps the answer (a warning after a finish reason)", async () => {
        const read = await readChat(httpResponse(bytes));
        const expected = `${facts.error!.code} ${facts.error!.message}`;
        if (facts.error!.afterFinish) {
          // The policy (README, "An error after the answer finished"): the answer stands.
          expect(read.error).toBeUndefined();
          expect(read.warnings.map((w) => w.message)).toEqual([expected]);
          const stream = ChatStream.fromResponse(httpResponse(bytes));
          await stream.finalCompletion();
          const [warning] = stream.warnings;
          expect(warning).toBeInstanceOf(StreamError);
          const partial = (warning as StreamError<ChatCompletion>).partial!;
          expect(partial.choices[0]!.message.content ?? "").toBe(facts.content);
          expect((partial.choices[0]!.message as { reasoning?: string }).reasoning ?? "").toBe(
            facts.reasoning,
          );
        } else {
          expect(read.error).toBeInstanceOf(StreamError);
          expect((read.error as Error).message).toBe(expected);
          expect((read.error as StreamError<ChatCompletion>).partial).toBeDefined();
        }
      });
    }

    it("re-chunking at random byte boundaries never changes the result", async () => {
      const reference = await readChat([bytes]);
      expect(await readChat(httpResponse(bytes))).toEqual(reference);
      await expectSameWhenRechunked(bytes, readChat, reference);
    });
  });

  describe.each(responses.map((r) => [label(r), r] as const))(
    "responses: %s",
    (_label, recording) => {
      const bytes = recordingBytes(recording);
      const { chunks: events, comments } = independentEvents(bytes);
      const facts = responsesFacts(events);

      it("gives what the bytes say: text, reasoning, usage, status, function calls", async () => {
        const stream = ResponsesStream.fromResponse(httpResponse(bytes));
        const reasoning: string[] = [];
        for await (const text of stream.reasoningStream) reasoning.push(text);
        const read = await readResponses(httpResponse(bytes));
        const response = read.result as Record<string, any>;
        expect(read.error).toBeUndefined();
        expect(response.usage).toEqual(facts.usage);
        expect(response.status).toBe(facts.status);
        expect(reasoning.join("")).toBe(facts.reasoning);
        expect(read.toolCallsDone).toHaveLength(facts.functionCalls);
        expect(read.comments).toBe(comments);
        expect(read.dones).toBe(1);
        const text = await ResponsesStream.fromResponse(httpResponse(bytes)).finalText();
        expect(text).toBe(facts.text);
      });

      it("re-chunking at random byte boundaries never changes the result", async () => {
        const reference = await readResponses([bytes]);
        await expectSameWhenRechunked(bytes, readResponses, reference);
      });
    },
  );
});
