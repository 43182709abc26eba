import { parseAnswer, unexpectedAnswer } from "./json-answer";
import { encodeSseEvent } from "./sse-encoding";
import { isRecord } from "./wire-data";
import { wholeBody } from "./whole-body";

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
  maxEventBytes?: number,
): ReadableStream<Uint8Array> {
  return wholeBody(body, headers, "image answer (JSON)", maxEventBytes, (text) =>
    completedEvents(text, headers)
      .map((data) => encodeSseEvent({ data }))
      .join(""),
  );
}

/** The events' data lines. Fields beyond `data` and `usage` (`created`…) go with each image. */
function completedEvents(text: string, headers: Headers): string[] {
  const answer = parseAnswer(text);
  const images: unknown = isRecord(answer) ? answer.data : undefined;
  if (!Array.isArray(images) || !images.every(isRecord)) {
    throw unexpectedAnswer(answer, text, headers, "JSON with a list of images");
  }
  const { data: _images, usage, ...rest } = answer as Fields;
  const events = images.map((image, index) => {
    const event: Fields = { type: "image_generation.completed", ...rest, ...image };
    if (index === images.length - 1 && usage) event.usage = usage;
    return JSON.stringify(event);
  });
  return [...events, "[DONE]"];
}
