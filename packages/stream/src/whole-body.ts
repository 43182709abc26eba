import { StreamParseError } from "./errors";
import { DEFAULT_MAX_EVENT_BYTES } from "./sse-framer";

/**
 * An answer that is not an event stream, read whole and turned into SSE text: its first pull
 * reads all of `body` (at most `maxBytes` bytes: a longer one fails with `StreamParseError` as
 * soon as it passes the limit) and hands the text to `convert`, which returns the SSE text to
 * deliver or throws the error the stream raises. Cancelling the result cancels `body`.
 * @example
 * wholeBody(response.body!, response.headers, "image answer", 1 << 20, (text) => `data: ${text}\n\n`);
 */
export function wholeBody(
  body: ReadableStream<Uint8Array>,
  headers: Headers,
  what: string,
  maxBytes = DEFAULT_MAX_EVENT_BYTES,
  convert: (text: string) => string,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const text = await readText(reader, maxBytes, () => {
        return new StreamParseError(
          `The ${what} is longer than maxEventBytes (${maxBytes} bytes): raise the option if such answers are expected.`,
          { headers },
        );
      });
      controller.enqueue(new TextEncoder().encode(convert(text)));
      controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

async function readText(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  tooLong: () => Error,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (let read; !(read = await reader.read()).done; ) {
    bytes += read.value.byteLength;
    if (bytes > maxBytes) {
      void reader.cancel().catch(() => {});
      throw tooLong();
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}
