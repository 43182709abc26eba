import { errorFromResponse, type OpenRouterError } from "@or/fetch";
import { StreamParseError, StreamStateError } from "./errors";
import { parseAnswer, unexpectedAnswer } from "./json-answer";
import { wholeBody } from "./whole-body";

export interface BodyOptions {
  /** A JSON answer is the stream's to read (buffered images): pass it through. */
  json?: boolean;
  /** The longest JSON answer read to find the error it holds. */
  maxEventBytes?: number;
}

/** HTML: a proxy, a captive portal or a login page answered in the API's place. */
const HTML = /^(text\/html|application\/xhtml\+xml)\b/i;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/**
 * The body of a streaming response, or a clear error when there is none. Answers that are not an
 * event stream give a body that fails with a typed error on the first read, rather than a stream
 * that looks cut off: an error answer (4xx/5xx) with its typed HTTP error
 * (`PaymentRequiredError`…); a 200 HTML page (a captive portal) with a `StreamParseError`; a 200
 * JSON answer with the `StreamError` it holds, or a `StreamParseError`.
 */
export function bodyOf(response: Response, options: BodyOptions = {}): ReadableStream<Uint8Array> {
  const { body, headers } = response;
  if (!body)
    throw new StreamStateError(`The response (status ${response.status}) has no body to stream.`);
  if (response.bodyUsed) throw new StreamStateError("The response body was already read.");
  if (!response.ok) return failingBody(response);
  const type = headers.get("content-type") ?? "";
  if (HTML.test(type)) {
    const error = new StreamParseError(
      `The answer is a web page (${type}), not an event stream: a captive portal or proxy answered?`,
      { headers, status: response.status },
    );
    return erroring(body, async () => error);
  }
  if (JSON_TYPE.test(type) && !options.json) {
    return wholeBody(body, headers, "JSON answer", options.maxEventBytes, (text) => {
      throw unexpectedAnswer(parseAnswer(text), text, headers, "an event stream");
    });
  }
  return body;
}

function failingBody(response: Response): ReadableStream<Uint8Array> {
  // A body that is not JSON (an HTML error page): the status says enough.
  return erroring(undefined, async () =>
    errorFromResponse(response, await response.json().catch(() => undefined)),
  );
}

/** A body whose first read fails with `error()`; `source`, unread, is cancelled. */
function erroring(
  source: ReadableStream<Uint8Array> | undefined,
  error: () => Promise<OpenRouterError>,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      void source?.cancel().catch(() => {});
      controller.error(await error());
    },
    cancel: (reason) => source?.cancel(reason),
  });
}
