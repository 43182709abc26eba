import { StreamParseError } from "./errors";
import { EventTooLarge, SseComment, SseReader, type SseItem } from "./sse-reader";
import { checkStreamOptions } from "./stream-options";

/** One server-sent event: its `data` (lines joined by `\n`), and `event`/`id` when sent. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

export interface SseEventsOptions {
  /** Stops reading and cancels the body. */
  signal?: AbortSignal;
  /** Called for each comment line (`: OPENROUTER PROCESSING`); comments are never events. */
  onComment?: (comment: string) => void;
  /**
   * The longest event, in characters (32 MiB by default): a longer one throws
   * `StreamParseError` as soon as it passes the limit, without buffering more.
   */
  maxEventBytes?: number;
}

/**
 * Frames a byte stream into server-sent events. Line endings `\n`, `\r` and `\r\n` are all
 * accepted, split anywhere, and UTF-8 characters split across reads are decoded whole. Comments
 * are reported in their place: none after the event a consumer stops at.
 *
 * Policy for a stream that ends in the middle of an event (its data line is there but not the
 * blank line after it): the event is delivered. The WHATWG algorithm drops it; we prefer not to
 * lose the last token of a response whose connection closed a little early.
 *
 * Breaking out of the loop, or aborting `signal`, cancels the body; so does an event longer than
 * `maxEventBytes`, which throws `StreamParseError`.
 * @example
 * for await (const event of sseEvents(response.body!)) console.log(event.data);
 */
export async function* sseEvents(
  body: ReadableStream<Uint8Array>,
  options: SseEventsOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  checkStreamOptions(options);
  const { signal, onComment, maxEventBytes } = options;
  const reader = new SseReader(body, { signal, comments: onComment !== undefined, maxEventBytes });
  try {
    while (!reader.ended) {
      for (const item of await readTyped(reader)) {
        // Items already read are not handed out once aborted.
        signal?.throwIfAborted();
        if (item instanceof SseComment) onComment!(item.text);
        else yield toEvent(item);
      }
    }
  } finally {
    reader.close();
  }
}

/** The next items; an event that is too large is a `StreamParseError`. */
async function readTyped(reader: SseReader): Promise<SseItem[]> {
  try {
    return await reader.read();
  } catch (error) {
    if (!(error instanceof EventTooLarge)) throw error;
    throw new StreamParseError(
      `The event stream sent an event longer than maxEventBytes (${error.limit} characters).`,
    );
  }
}

/** The framer's message without its undefined fields. */
function toEvent(message: Exclude<SseItem, SseComment>): SseEvent {
  const event: SseEvent = { data: message.data };
  if (message.event !== undefined) event.event = message.event;
  if (message.id !== undefined) event.id = message.id;
  return event;
}
