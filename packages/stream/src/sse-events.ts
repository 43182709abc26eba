import { createParser, type EventSourceMessage } from "eventsource-parser";

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
}

/**
 * Frames a byte stream into server-sent events (on eventsource-parser). Line endings `\n`,
 * `\r` and `\r\n` are all accepted, split anywhere, and UTF-8 characters split across reads are
 * decoded whole.
 *
 * Policy for a stream that ends in the middle of an event (its data line is there but not the
 * blank line after it): the event is delivered. The WHATWG algorithm drops it; we prefer not to
 * lose the last token of a response whose connection closed a little early.
 *
 * Breaking out of the loop, or aborting `signal`, cancels the body.
 * @example
 * for await (const event of sseEvents(response.body!)) console.log(event.data);
 */
export async function* sseEvents(
  body: ReadableStream<Uint8Array>,
  options: SseEventsOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const queue: SseEvent[] = [];
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => queue.push(toEvent(message)),
    onComment: options.onComment,
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const { signal } = options;
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let finished = false;
  try {
    signal?.throwIfAborted();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length > 0) yield queue.shift()!;
    }
    const rest = decoder.decode();
    if (rest) parser.feed(rest);
    parser.reset({ consume: true });
    finished = true;
    while (queue.length > 0) yield queue.shift()!;
    signal?.throwIfAborted();
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function toEvent(message: EventSourceMessage): SseEvent {
  const event: SseEvent = { data: message.data };
  if (message.event !== undefined) event.event = message.event;
  if (message.id !== undefined) event.id = message.id;
  return event;
}
