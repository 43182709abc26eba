import { StreamParseError } from "./errors";
import { encodeSseEvent } from "./sse-encoding";
import { DEFAULT_MAX_EVENT_BYTES } from "./sse-framer";

type Fields = Record<string, any>;

/**
 * A buffered image answer (the JSON a provider without native streaming sends for
 * `stream: true`) as the SSE bytes a streamed one would have been: one
 * `image_generation.completed` event per image, the usage on the last, then `[DONE]`.
 * Cancelling the result cancels `body`. The answer is held whole, so it must fit in
 * `maxEventBytes` bytes like any event; a longer one fails with `StreamParseError` as soon as
 * it passes the limit.
 */
export function bufferedImageEvents(
  body: ReadableStream<Uint8Array>,
  headers: Headers,
  maxEventBytes = DEFAULT_MAX_EVENT_BYTES,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const text = await readText(reader, maxEventBytes, headers);
      for (const data of completedEvents(text, headers)) {
        controller.enqueue(encoder.encode(encodeSseEvent({ data })));
      }
      controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

async function readText(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  headers: Headers,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (let read; !(read = await reader.read()).done; ) {
    bytes += read.value.byteLength;
    if (bytes > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new StreamParseError(
        `The image answer (JSON) is longer than maxEventBytes (${maxBytes} bytes): raise the option if such answers are expected.`,
        { headers },
      );
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}

/** The events' data lines. Fields beyond `data` and `usage` (`created`…) go with each image. */
function completedEvents(text: string, headers: Headers): string[] {
  let answer: Fields | undefined;
  try {
    answer = JSON.parse(text);
  } catch {
    // Reported below, like any answer without images: the payload stays out of the message.
  }
  const { data: images, usage, ...rest } = answer ?? {};
  if (!Array.isArray(images)) {
    throw new StreamParseError(
      `The image answer was not JSON with a list of images (${text.length} characters).`,
      { headers },
    );
  }
  const events = images.map((image, index) => {
    const event: Fields = { type: "image_generation.completed", ...rest, ...image };
    if (index === images.length - 1 && usage) event.usage = usage;
    return JSON.stringify(event);
  });
  return [...events, "[DONE]"];
}
