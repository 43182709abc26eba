import { OpenRouter, HTTPClient } from "@openrouter/sdk";
import { ChatStream } from "../src/index.ts";
import { createParser } from "eventsource-parser";
import { EventSourceParserStream } from "eventsource-parser/stream";
import OpenAI from "openai";
import { Stream } from "openai/streaming";
import { bodyOf, responseOf } from "./chat-bytes.ts";

/**
 * One way of reading the stream. It returns what it saw (chunks, or the final text length), so
 * the runner can check that every contender read the same thing.
 */
export interface Contender {
  name: string;
  /** "iterate": every chunk parsed; "accumulate": the final completion built. */
  kind: "iterate" | "accumulate";
  run(bytes: Uint8Array, readSize: number): Promise<number>;
}

const REQUEST = {
  model: "openai/gpt-4o",
  messages: [{ role: "user" as const, content: "Hi" }],
  stream: true as const,
};

/** The floor: eventsource-parser feeding JSON.parse, no async iteration per chunk. */
const parserAndJsonParse: Contender = {
  name: "eventsource-parser + JSON.parse",
  kind: "iterate",
  async run(bytes, readSize) {
    let chunks = 0;
    const parser = createParser({
      onEvent: (event) => {
        if (event.data === "[DONE]") return;
        JSON.parse(event.data);
        chunks++;
      },
    });
    const reader = bodyOf(bytes, readSize).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    return chunks;
  },
};

/** The same parser as an async iterable of parsed chunks: its stream API, piped. For reference. */
const parserStreamPipeline: Contender = {
  name: "eventsource-parser/stream pipeline + JSON.parse",
  kind: "iterate",
  async run(bytes, readSize) {
    let chunks = 0;
    const events = bodyOf(bytes, readSize)
      .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
      .pipeThrough(new EventSourceParserStream());
    for await (const event of events as unknown as AsyncIterable<{ data: string }>) {
      if (event.data === "[DONE]") break;
      JSON.parse(event.data);
      chunks++;
    }
    return chunks;
  },
};

const chatStreamIteration: Contender = {
  name: "ChatStream iteration",
  kind: "iterate",
  async run(bytes, readSize) {
    let chunks = 0;
    for await (const _ of ChatStream.fromReadableStream(bodyOf(bytes, readSize))) chunks++;
    return chunks;
  },
};

const openaiStream: Contender = {
  name: "openai Stream",
  kind: "iterate",
  async run(bytes, readSize) {
    let chunks = 0;
    const stream = Stream.fromSSEResponse(responseOf(bytes, readSize), new AbortController());
    for await (const _ of stream) chunks++;
    return chunks;
  },
};

const openrouterSdkStream: Contender = {
  name: "@openrouter/sdk stream",
  kind: "iterate",
  async run(bytes, readSize) {
    const sdk = new OpenRouter({
      apiKey: "sk-or-v1-000000000000",
      httpClient: new HTTPClient({ fetcher: async () => responseOf(bytes, readSize) }),
    });
    let chunks = 0;
    // Its types do not narrow on `stream: true`; at run time it is an async iterable of chunks.
    const stream = (await sdk.chat.send({
      chatRequest: REQUEST,
    })) as unknown as AsyncIterable<unknown>;
    if (!(Symbol.asyncIterator in stream))
      throw new Error("@openrouter/sdk did not return a stream");
    for await (const _ of stream) chunks++;
    return chunks;
  },
};

const chatStreamFinal: Contender = {
  name: "ChatStream finalCompletion()",
  kind: "accumulate",
  async run(bytes, readSize) {
    const completion = await ChatStream.fromReadableStream(
      bodyOf(bytes, readSize),
    ).finalCompletion();
    return String(completion.choices[0]?.message.content).length;
  },
};

const openaiStreamHelper: Contender = {
  name: "openai .stream() finalChatCompletion()",
  kind: "accumulate",
  async run(bytes, readSize) {
    const client = new OpenAI({
      apiKey: "sk-or-v1-000000000000",
      baseURL: "http://127.0.0.1:9/api/v1",
      fetch: async () => responseOf(bytes, readSize),
    });
    const completion = await client.chat.completions.stream(REQUEST).finalChatCompletion();
    return String(completion.choices[0]?.message.content).length;
  },
};

export const CONTENDERS: Contender[] = [
  parserAndJsonParse,
  parserStreamPipeline,
  chatStreamIteration,
  openaiStream,
  openrouterSdkStream,
  chatStreamFinal,
  openaiStreamHelper,
];
