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
 * @example
 * const framer = new SseFramer(false);
 * framer.feed("data: {}\n\nda");
 * framer.take(); // [{ event: undefined, data: "{}", id: undefined }]
 */
export class SseFramer {
  readonly #comments: boolean;
  #items: SseItem[] = [];
  /** The start of a line whose end has not come yet. */
  #rest = "";
  /** The last piece ended in CR: an LF opening the next one is the same line ending. */
  #afterCr = false;
  /** The event being built; `#data` is undefined until a data line comes. */
  #data: string | undefined;
  #event: string | undefined;
  #id: string | undefined;

  /** `comments`: hand out comment lines as items (otherwise they are skipped). */
  constructor(comments: boolean) {
    this.#comments = comments;
  }

  /**
   * Frames the next piece of text. Feed `"\n\n"` after the last one to end its last line and
   * event (a stream cut short loses no event that has data).
   */
  feed(text: string): void {
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
    if (name === "data") this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    else if (name === "") {
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
