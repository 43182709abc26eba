import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ChatAccumulator,
  ChatStream,
  ImagesAccumulator,
  ImagesStream,
  MessagesAccumulator,
  MessagesStream,
  ResponsesAccumulator,
  ResponsesStream,
  StreamError,
  StreamParseError,
  type Accumulator,
  type EventStream,
} from "../src/index.ts";
import { streamOf } from "./support/byte-streams.ts";
import {
  builtinsSnapshot,
  changedBuiltins,
  chatChunk,
  imagesEvent,
  jsonText,
  messagesEvent,
  responsesEvent,
  type Json,
} from "./support/hostile-json.ts";

/** Enough cases to reach the deep paths (an index two objects down) many times over. */
const NUM_RUNS = 1_000;

interface Kind {
  name: string;
  chunk: fc.Arbitrary<Json>;
  accumulator: () => Accumulator<any, any>;
  fromBytes: (body: ReadableStream<Uint8Array>) => EventStream<any, any>;
}

const KINDS: Kind[] = [
  {
    name: "chat",
    chunk: chatChunk,
    accumulator: () => new ChatAccumulator(),
    fromBytes: (body) => ChatStream.fromReadableStream(body),
  },
  {
    name: "responses",
    chunk: responsesEvent,
    accumulator: () => new ResponsesAccumulator(),
    fromBytes: (body) => ResponsesStream.fromReadableStream(body),
  },
  {
    name: "messages",
    chunk: messagesEvent,
    accumulator: () => new MessagesAccumulator(),
    fromBytes: (body) => MessagesStream.fromReadableStream(body),
  },
  {
    name: "images",
    chunk: imagesEvent,
    accumulator: () => new ImagesAccumulator(),
    fromBytes: (body) => ImagesStream.fromReadableStream(body),
  },
];

/** Every UI event a stream can emit, listened to so that dispatch runs on every chunk. */
const EVENTS = ["chunk", "content", "reasoning", "toolCallDelta", "toolCallDone", "done"];

let before: Map<string, unknown>;
beforeEach(() => {
  before = builtinsSnapshot();
});
afterEach(() => {
  // A failed property leaves the evidence here too: report which built-in changed.
  expect(changedBuiltins(before, builtinsSnapshot())).toEqual([]);
});

/** After each case: no built-in changed, and a fresh object inherits nothing new. */
function expectBuiltinsUntouched(): void {
  expect(changedBuiltins(before, builtinsSnapshot())).toEqual([]);
  const fresh: Record<string, unknown> = {};
  expect(fresh.isAdmin).toBeUndefined();
  expect(Object.assign).toBeTypeOf("function");
}

describe("hostile indexes and keys never reach a prototype or a built-in", () => {
  it.each(KINDS)(
    "$name accumulator: takes each chunk in or throws StreamParseError with the partial result",
    ({ chunk, accumulator }) => {
      fc.assert(
        fc.property(fc.array(chunk.map(jsonText), { minLength: 1, maxLength: 6 }), (texts) => {
          const acc = accumulator();
          for (const text of texts) {
            try {
              acc.add(JSON.parse(text));
            } catch (error) {
              expect(error).toBeInstanceOf(StreamParseError);
              expect((error as StreamParseError).partial).toBeDefined();
              break;
            }
          }
          JSON.stringify(acc.result());
          expectBuiltinsUntouched();
        }),
        { numRuns: NUM_RUNS },
      );
    },
  );

  it.each(KINDS)(
    "$name stream from bytes, with every UI event listened to: the final object, or a typed error",
    async ({ chunk, fromBytes }) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(chunk.map(jsonText), { minLength: 1, maxLength: 6 }),
          async (texts) => {
            const bytes = `${texts.map((t) => `data: ${t}\n\n`).join("")}data: [DONE]\n\n`;
            const stream = fromBytes(streamOf([bytes]));
            const seen: unknown[] = [];
            for (const name of EVENTS) stream.on(name, (...args) => seen.push(args));
            try {
              for await (const _ of stream);
            } catch (error) {
              // An `error` field, or a finish reason "error", is an in-stream error all the same.
              if (!(error instanceof StreamError)) {
                expect(error).toBeInstanceOf(StreamParseError);
                expect((error as StreamParseError).partial).toBeDefined();
              }
            }
            expectBuiltinsUntouched();
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
  );
});

describe("the paths the property must reach, each once by hand", () => {
  const chat = (chunk: string) => `data: ${chunk}\n\ndata: [DONE]\n\n`;

  it.each([
    ["a choice index", '{"choices":[{"index":"__proto__","isAdmin":true}]}'],
    [
      "a choice index naming the Object constructor",
      '{"choices":[{"index":"constructor","assign":null}]}',
    ],
    [
      "a tool-call index",
      '{"choices":[{"index":0,"delta":{"tool_calls":[{"index":"__proto__","function":{"name":"x"}}]}}]}',
    ],
  ])("chat: %s is a StreamParseError with the partial completion", async (_what, chunk) => {
    const first = '{"choices":[{"index":0,"delta":{"content":"kept"}}]}';
    const stream = ChatStream.fromReadableStream(streamOf([`data: ${first}\n\n`, chat(chunk)]));
    const error = await stream.finalCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).message).toMatch(
      /index is a string .* not a non-negative integer/,
    );
    expect((error as StreamParseError<any>).partial.choices[0].message.content).toBe("kept");
    expectBuiltinsUntouched();
  });

  it("chat: an unknown `__proto__` field is kept as a field, not made the prototype", async () => {
    const chunk =
      '{"__proto__":{"a":1},"choices":[{"index":0,"__proto__":{"b":2},"delta":{"content":"x","__proto__":{"c":3}},"finish_reason":"stop"}]}';
    const completion = await ChatStream.fromReadableStream(
      streamOf([chat(chunk)]),
    ).finalCompletion();
    const choice = completion.choices[0] as Record<string, any>;
    for (const [object, kept] of [
      [completion, { a: 1 }],
      [choice, { b: 2 }],
      [choice.message, { c: 3 }],
    ] as const) {
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(object, "__proto__")?.value).toEqual(kept);
    }
  });

  it.each([
    ['{"type":"response.output_item.added","output_index":"__proto__","item":{"type":"message"}}'],
    [
      '{"type":"response.output_text.delta","output_index":0,"content_index":"constructor","delta":"x"}',
    ],
    ['{"type":"response.function_call_arguments.delta","output_index":-1,"delta":"x"}'],
  ])("responses: %s is a StreamParseError", async (event) => {
    const stream = ResponsesStream.fromReadableStream(streamOf([chat(event)]));
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(StreamParseError);
  });

  it.each([
    [
      '{"type":"content_block_start","index":"__proto__","content_block":{"type":"text","text":""}}',
    ],
    ['{"type":"content_block_delta","index":1.5,"delta":{"type":"text_delta","text":"x"}}'],
    ['{"type":"message_delta","delta":{"__proto__":{"isAdmin":true}}}'],
  ])("messages: %s is a StreamParseError or kept as an own field", async (event) => {
    const stream = MessagesStream.fromReadableStream(streamOf([chat(event)]));
    const outcome = await stream.finalMessage().catch((e: unknown) => e);
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(StreamParseError);
    else expect((outcome as Record<string, unknown>).isAdmin).toBeUndefined();
    expectBuiltinsUntouched();
  });

  it("a chunk typed as one of the stream's own events is not emitted as that event", async () => {
    const events =
      '{"type":"toolCallDone","name":"rm -rf"}\n\ndata: {"type":"done"}\n\ndata: {"type":"response.completed","response":{"output":[]}}';
    const stream = ResponsesStream.fromReadableStream(streamOf([chat(events)]));
    const toolCalls: unknown[] = [];
    const dones: unknown[] = [];
    stream.on("toolCallDone", (call) => toolCalls.push(call));
    stream.on("done", (final) => dones.push(final));
    await stream.finalResponse();
    expect(toolCalls).toEqual([]);
    expect(dones).toEqual([{ output: [] }]);
  });

  it("a chunk that is not a JSON object is a StreamParseError", async () => {
    for (const data of ["null", "42", '"text"', "[1]"]) {
      const stream = ChatStream.fromReadableStream(streamOf([chat(data)]));
      await expect(stream.finalCompletion()).rejects.toThrow(/not a JSON object/);
    }
  });

  it("an error object whose message is not a string still gives a StreamError", async () => {
    const chunk = '{"error":{"message":{"toString":1},"code":{"x":1}},"choices":[]}';
    const stream = ChatStream.fromReadableStream(streamOf([chat(chunk)]));
    const error = await stream.finalCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).message).toBe("500 The provider failed mid-stream.");
  });
});
