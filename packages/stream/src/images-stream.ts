import type { OpenRouterClient } from "@or/fetch";
import type { RequestBody } from "@or/types";
import { bufferedImageEvents } from "./buffered-images";
import { EventStream, type StreamClass, type StreamOptions } from "./event-stream";
import { ImagesAccumulator, type ImagesResult, type ImageStreamEvent } from "./images-accumulator";
import { postStream, type StreamRequestOptions } from "./post-stream";
import type { Protocol } from "./protocol";
import { bodyOf } from "./response-body";
import { checkStreamOptions } from "./stream-options";
import { emitByType } from "./ui-events";
import { isRecord, wireFailure } from "./wire-data";

type Fields = Record<string, any>;

/** Image generation: `data:` events typed by their `type`, `[DONE]` at the end. */
export const imagesProtocol: Protocol<ImageStreamEvent, ImagesResult> = {
  noun: "image",
  accumulator: () => new ImagesAccumulator(),
  errorOf(event) {
    if (event.type !== "error") return undefined;
    // `code`, `type` and `param` all go into `metadata`: nothing the provider said is lost.
    const error: unknown = (event as Fields).error;
    const { message, ...details } = isRecord(error) ? error : {};
    const { code } = wireFailure({ code: details.code ?? details.type }, "");
    return { ...wireFailure(error, "The image generation failed."), code, metadata: details };
  },
  completes: (event) => event.type === "image_generation.completed",
  text: (event) => textOf(event, "content"),
  reasoning: (event) => textOf(event, "reasoning"),
  dispatch(event, emit) {
    const content = textOf(event, "content");
    const reasoning = textOf(event, "reasoning");
    if (content) emit("content", content);
    if (reasoning) emit("reasoning", reasoning);
    emitByType(emit, event);
  },
  errorEvent: ({ message, status }) => ({
    data: JSON.stringify({
      type: "error",
      error: { code: String(status ?? 502), message, param: null, type: null },
    }),
  }),
};

function textOf(event: ImageStreamEvent, phase: string): string | undefined {
  const e = event as Fields;
  const text = e.type === "image_generation.text_chunk" && e.phase === phase ? e.text : undefined;
  return typeof text === "string" ? text : undefined;
}

/**
 * A streamed image generation: partial images as they render, text chunks of text-based formats
 * (SVG), and the final images.
 *
 * Providers without native streaming ignore `stream: true` and answer with the whole result as
 * JSON. `streamImages` and `ImagesStream.fromResponse` read such an answer as one
 * `image_generation.completed` event per image, so the same code serves both.
 * @example
 * const stream = await streamImages(client, { model: "openai/gpt-image-1", prompt: "A red kite" });
 * stream.on("image_generation.partial_image", (event) => show(event.b64_json));
 * const { data } = await stream.finalImages();
 */
export class ImagesStream extends EventStream<ImageStreamEvent, ImagesResult> {
  constructor(body: ReadableStream<Uint8Array>, options?: StreamOptions, response?: Response) {
    super(body, imagesProtocol, options, response);
  }

  /** A stream over a `fetch` response of `POST /images` with `stream: true`, SSE or buffered JSON. */
  static override fromResponse<S>(
    this: StreamClass<S>,
    response: Response,
    options?: StreamOptions,
  ): S {
    if (options !== undefined) checkStreamOptions(options);
    const body = bodyOf(response, { json: true });
    const buffered = response.ok && /json/i.test(response.headers.get("content-type") ?? "");
    return new this(
      buffered ? bufferedImageEvents(body, response.headers, options?.maxEventBytes) : body,
      options,
      response,
    );
  }

  /** The images, as `POST /images` answers without streaming: `created`, `data`, `usage`. */
  finalImages(): Promise<ImagesResult> {
    return this.final();
  }
}

/**
 * Sends `POST /images` with `stream: true`; resolves once the headers arrive.
 * @example
 * const stream = await streamImages(client, { model: "openai/gpt-image-1", prompt: "A red kite" });
 * for await (const event of stream) console.log(event.type);
 */
export function streamImages(
  client: OpenRouterClient,
  body: RequestBody<"createImages">,
  options: StreamRequestOptions = {},
): Promise<ImagesStream> {
  return postStream(ImagesStream, client, "/images", body, options);
}
