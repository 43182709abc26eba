/** A comment line (`: OPENROUTER PROCESSING`), kept in its place among the events. */
export class SseComment {
  constructor(readonly text: string) {}
}

/**
 * An event as framed. `event` and `id` are always there, undefined when not sent: one object
 * shape for every event keeps the hot path's reads of them fast.
 */
export interface SseMessage {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

/** What a framer hands out, in stream order. */
export type SseItem = SseMessage | SseComment;

/**
 * The default `maxEventBytes`: 32 MiB. The largest events the API sends are images inline as
 * base64 (an image model's answer in one chat chunk or image event): a 2048² PNG is 8–12 MB of
 * base64, a 4K JPEG or WebP about as much; 32 MiB holds those with room, and stays far below the
 * longest string a JavaScript engine can hold (V8: 2^29 − 24 characters), past which a line
 * would fail as something else than a too-large event.
 */
export const DEFAULT_MAX_EVENT_BYTES = 32 * 1024 * 1024;

/** The largest `maxEventBytes` allowed: V8's longest string. */
export const MAX_EVENT_BYTES_LIMIT = 2 ** 29 - 24;

/** The event being framed passed the limit (the stream raises it as a `StreamParseError`). */
export class EventTooLarge extends Error {
  constructor(readonly limit: number) {
    super();
  }
}

const LF = 10;
const SPACE = 32;

/**
 * Frames decoded text into server-sent events by the WHATWG rules, one piece of text at a time:
 * lines end in `\n`, `\r` or `\r\n` (also split between two pieces); a field's name runs to the
 * first colon and one space after the colon is dropped; `data` lines join with `\n`; a blank
 * line dispatches the event, if it has data; `id` values holding NUL are ignored; `retry` and
 * unknown fields are ignored; a line starting with a colon is a comment. A byte order mark is
 * the decoder's business (`TextDecoder` drops it).
 *
 * Unlike `EventSource`, `event` and `id` last for one event only, as in eventsource-parser.
 *
 * An event may hold at most `maxEventBytes` characters (its data lines, and the line still
 * being read): past that, the framer drops the event and stops (`tooLarge` says why) rather than
 * buffer more, so memory stays within the limit and one read; the items framed before it are
 * still handed out. Characters are UTF-16 code units of the decoded
 * text: for JSON, which is ASCII but for the text it carries, that is its size in bytes.
 * @example
 * const framer = new SseFramer(false);
 * framer.feed("data: {}\n\nda");
 * framer.take(); // [{ event: undefined, data: "{}", id: undefined }]
 */
export class SseFramer {
  readonly #comments: boolean;
  readonly #max: number;
  #items: SseItem[] = [];
  /** The start of a line whose end has not come yet. */
  #rest = "";
  /** The last piece ended in CR: an LF opening the next one is the same line ending. */
  #afterCr = false;
  /** The event being built; `#data` is undefined until a data line comes. */
  #data: string | undefined;
  #event: string | undefined;
  #id: string | undefined;
  #tooLarge: EventTooLarge | undefined;

  /** `comments`: hand out comment lines as items (otherwise they are skipped). */
  constructor(comments: boolean, maxEventBytes = DEFAULT_MAX_EVENT_BYTES) {
    this.#comments = comments;
    this.#max = maxEventBytes;
  }

  /**
   * Frames the next piece of text. Feed `"\n\n"` after the last one to end its last line and
   * event (a stream cut short loses no event that has data).
   */
  feed(text: string): void {
    if (this.#tooLarge) return;
    try {
      this.#frame(text);
    } catch (error) {
      if (!(error instanceof EventTooLarge)) throw error;
      this.#tooLarge = error;
      this.#data = this.#event = this.#id = undefined;
      this.#rest = "";
    }
  }

  /** Set once an event passed `maxEventBytes`: the framer has dropped it and frames no more. */
  get tooLarge(): EventTooLarge | undefined {
    return this.#tooLarge;
  }

  #frame(text: string): void {
    let start = 0;
    if (this.#afterCr && text !== "") {
      this.#afterCr = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    // Both line ends are looked up once and again only when passed: no rescans of the text.
    let lf = text.indexOf("\n", start);
    let cr = text.indexOf("\r", start);
    while (lf !== -1 || cr !== -1) {
      const end = lf === -1 || (cr !== -1 && cr < lf) ? cr : lf;
      this.#lineUpTo(text, start, end);
      start = end + 1;
      if (end === cr) {
        if (start === text.length) this.#afterCr = true;
        else if (text.charCodeAt(start) === LF) start++;
        cr = text.indexOf("\r", start);
      }
      if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    }
    if (start === text.length) return;
    // The line goes on in the next piece: check before keeping it.
    if ((this.#data?.length ?? 0) + this.#rest.length + text.length - start > this.#max) {
      throw new EventTooLarge(this.#max);
    }
    this.#rest += text.slice(start);
  }

  /** The items framed since the last call, in order. */
  take(): SseItem[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  /** Handles the line ending at `end`, prefixed with what earlier pieces left of it. */
  #lineUpTo(text: string, start: number, end: number): void {
    if (this.#rest === "") return this.#line(text, start, end);
    const line = this.#rest + text.slice(start, end);
    this.#rest = "";
    this.#line(line, 0, line.length);
  }

  /** Handles `text.slice(start, end)` without slicing it, for the common `data: ...` line. */
  #line(text: string, start: number, end: number): void {
    if (start === end) return this.#dispatch();
    if (text.startsWith("data:", start))
      return this.#field("data", valueAfter(text, start + 4, end));
    const line = text.slice(start, end);
    const colon = line.indexOf(":");
    if (colon === -1) this.#field(line, "");
    else this.#field(line.slice(0, colon), valueAfter(line, colon, line.length));
  }

  /** Applies one field to the event being built; `retry` and unknown fields change nothing. */
  #field(name: string, value: string): void {
    if (name === "data") {
      if (this.#data === undefined) {
        if (value.length > this.#max) throw new EventTooLarge(this.#max);
        this.#data = value;
      } else {
        if (this.#data.length + 1 + value.length > this.#max) throw new EventTooLarge(this.#max);
        this.#data = `${this.#data}\n${value}`;
      }
    } else if (name === "") {
      if (this.#comments) this.#items.push(new SseComment(value));
    } else if (name === "event") this.#event = value || undefined;
    else if (name === "id" && !value.includes("\0")) this.#id = value;
  }

  /** A blank line: hands out the event if it has data, and starts the next one afresh. */
  #dispatch(): void {
    if (this.#data !== undefined) {
      this.#items.push({ event: this.#event, data: this.#data, id: this.#id });
    }
    this.#data = this.#event = this.#id = undefined;
  }
}

/** The value after the colon at `colon`, without the one space that may follow it. */
function valueAfter(text: string, colon: number, end: number): string {
  return text.slice(text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1, end);
}
