import type { Fault } from "@or/testing";
import type { ImageGenerationResponse } from "@or/types";
import { describe, expect, it } from "vitest";
import {
  ImagesStream,
  StreamError,
  StreamParseError,
  StreamTruncatedError,
  streamImages,
  type ImagesResult,
  type ImageStreamEvent,
} from "../src/index.ts";
import { collect, streamOf } from "./support/byte-streams.ts";
import { fixture, generationIdOf, recordedEvents } from "./support/fixtures.ts";
import { fixtureHeaders, useReplayServer } from "./support/replay.ts";

const replay = useReplayServer();

const BODY = { model: "openai/gpt-image-1", prompt: "A small square", stream: false };

function open(name: string, faults?: Fault | Fault[], accumulate = false) {
  return streamImages(replay.client, BODY, {
    headers: fixtureHeaders(`createImages/${name}`, faults),
    accumulate,
  });
}

/** The result `finalImages()` must give for a streamed fixture: its completed events as `data`. */
function expectedResult(name: string): ImagesResult {
  const completed = recordedEvents(fixture(`createImages/${name}`)).filter(
    (e) => (e as { type: string }).type === "image_generation.completed",
  ) as Record<string, unknown>[];
  const last = completed.at(-1)!;
  return {
    created: last.created as number,
    data: completed.map(({ type: _t, created: _c, usage: _u, ...image }) => image),
    usage: last.usage,
  } as ImagesResult;
}

describe("streamImages over the replay server", () => {
  it("stream-text: every event in order, typed, and the final images", async () => {
    const stream = await open("stream-text");
    expect(stream).toBeInstanceOf(ImagesStream);
    expect(stream.generationId).toBe(generationIdOf(fixture("createImages/stream-text")));
    const partials: number[] = [];
    stream.on("image_generation.partial_image", (event: { partial_image_index: number }) =>
      partials.push(event.partial_image_index),
    );
    const final = stream.finalImages();
    const events: ImageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual(recordedEvents(fixture("createImages/stream-text")));
    expect(partials).toEqual([0, 1]);
    expect(await final).toEqual(expectedResult("stream-text"));
    // The request asked for a stream, whatever the body said.
    expect(replay.server.requests[0]!.body).toMatchObject({ stream: true });
  });

  it("stream-svg: content text in textStream, reasoning in reasoningStream, drafts in neither", async () => {
    const stream = await open("stream-svg");
    const reasoning: string[] = [];
    stream.on("reasoning", (text: string) => reasoning.push(text));
    const text = (await collect(stream.textStream)).join("");
    const final = await stream.finalImages();
    expect(text).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="#f80"/></svg>',
    );
    expect(reasoning).toEqual(["One orange square fills the canvas."]);
    expect(final.text).toBe(text);
    expect(final.reasoning).toBe("One orange square fills the canvas.");
    expect(final.data).toEqual([{ media_type: "image/svg+xml", b64_json: expect.any(String) }]);
    expect(atob(final.data[0]!.b64_json)).toBe(text);
    expect(JSON.stringify(final)).not.toContain("<svg><rect/></svg>");
  });

  it("stream-error: a StreamError with the provider's details and the partial result", async () => {
    const stream = await open("stream-error", undefined, true);
    const events: ImageStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of stream) events.push(event);
    })().catch((e: unknown) => e);
    expect(events.map((e) => e.type)).toEqual(["image_generation.partial_image"]);
    expect(error).toBeInstanceOf(StreamError);
    const e = error as StreamError<ImagesResult>;
    expect(e.status).toBe(502);
    expect(e.code).toBe("upstream_error");
    expect(e.message).toBe("502 The image provider stopped before the image was finished.");
    expect(e.metadata).toEqual({ code: "upstream_error", param: null, type: "provider_error" });
    expect(e.retryable).toBe(true);
    expect(e.partial).toEqual({ created: 0, data: [] });
    expect(e.generationId).toBe(generationIdOf(fixture("createImages/stream-error")));
  });

  it("a stream cut before the completed image is a StreamTruncatedError", async () => {
    const stream = await open("stream-text", { type: "truncate", afterItems: 2 });
    const error = await stream.finalImages().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect((error as StreamTruncatedError<ImagesResult>).partial).toEqual({ created: 0, data: [] });
  });

  it("a stream cut after the completed image, before [DONE], ends normally", async () => {
    const stream = await open("stream-text", { type: "truncate", afterItems: 3 });
    expect(await stream.finalImages()).toEqual(expectedResult("stream-text"));
  });

  it("a buffered JSON answer (no native streaming) reads as one completed event per image", async () => {
    const f = fixture("createImages/buffered-stream");
    const answer = f.response.body as ImageGenerationResponse;
    const stream = await open("buffered-stream");
    expect(stream.generationId).toBe(generationIdOf(f));
    const final = stream.finalImages();
    const events = await collect(stream);
    expect(events).toEqual([
      { type: "image_generation.completed", created: answer.created, ...answer.data[0] },
      {
        type: "image_generation.completed",
        created: answer.created,
        ...answer.data[1],
        usage: answer.usage,
      },
    ]);
    expect(await final).toEqual(answer);
  });

  it("a buffered answer can be re-emitted as SSE and read back on the far side", async () => {
    const stream = await open("buffered-stream");
    const far = ImagesStream.fromReadableStream(stream.toReadableStream());
    expect(await far.finalImages()).toEqual(fixture("createImages/buffered-stream").response.body);
  });
});

describe("ImagesStream from bytes", () => {
  const sse = (event: object | string) =>
    `data: ${typeof event === "string" ? event : JSON.stringify(event)}\n\n`;

  it("re-emission keeps every event, and an error event raises the same StreamError far away", async () => {
    const near = await open("stream-error");
    const far = ImagesStream.fromReadableStream(near.toReadableStream(), { accumulate: true });
    const events: ImageStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of far) events.push(event);
    })().catch((e: unknown) => e);
    expect(events).toEqual(recordedEvents(fixture("createImages/stream-error")).slice(0, 1));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).status).toBe(502);
  });

  it("a failure that is not an error event travels as one, with its status", async () => {
    const bytes = streamOf([
      sse({ type: "image_generation.partial_image", partial_image_index: 0, b64_json: "AA==" }),
      "data: {oops\n\n",
    ]);
    const far = ImagesStream.fromReadableStream(
      ImagesStream.fromReadableStream(bytes).toReadableStream(),
    );
    const error = await far.finalImages().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).status).toBe(502);
    expect((error as Error).message).toContain("invalid JSON");
    expect((error as Error).message).not.toContain("oops");
  });

  it("unknown event types and fields pass through; unknown completed fields stay with their image", async () => {
    const extra = { type: "image_generation.progress", percent: 40 };
    const completed = {
      type: "image_generation.completed",
      created: 7,
      b64_json: "AA==",
      revised_prompt: "a square",
    };
    const stream = ImagesStream.fromReadableStream(
      streamOf([sse(extra), sse(completed), sse("[DONE]")]),
      {
        accumulate: true,
      },
    );
    expect(await collect(stream)).toEqual([extra, completed]);
    expect(await stream.finalImages()).toEqual({
      created: 7,
      data: [{ b64_json: "AA==", revised_prompt: "a square" }],
    });
  });

  it("a buffered answer that is not a list of images is a StreamParseError without the payload", async () => {
    for (const text of ['{"secret": "private words"', '{"error-ish": "private words"}']) {
      const response = new Response(text, { headers: { "content-type": "application/json" } });
      const error = await ImagesStream.fromResponse(response)
        .finalImages()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamParseError);
      expect((error as Error).message).toContain(`${text.length} characters`);
      expect((error as Error).message).not.toContain("private words");
    }
  });

  it("leaving a buffered answer early cancels its body", async () => {
    let cancelled: unknown;
    let readStarted!: () => void;
    const pulled = new Promise<void>((resolve) => (readStarted = resolve));
    const body = new ReadableStream<Uint8Array>({
      pull: () => {
        readStarted();
        return new Promise(() => {}); // never answers: only a cancel ends it
      },
      cancel: (reason) => {
        cancelled = reason ?? "cancelled";
      },
    });
    const response = new Response(body, { headers: { "content-type": "application/json" } });
    const stream = ImagesStream.fromResponse(response);
    const reading = stream.finalImages().catch((e: unknown) => e);
    await pulled; // the answer is being read: the abort cuts a read in progress
    stream.abort();
    expect(((await reading) as Error).name).toBe("AbortError");
    expect(cancelled).toBeDefined();
  });
});
