import type { OpenRouterError } from "@or/fetch";
import { inStreamError, StreamParseError } from "./errors";
import { isRecord, wireFailure } from "./wire-data";

/** A whole answer parsed as JSON; `undefined` when it is not JSON (an HTML page…). */
export function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The error for an answer that is not what a stream expected (`expected`: "an event stream", "a
 * list of images"): the API's own error as a `StreamError` when the JSON holds one
 * (`{"error": {"code", "message"}}` with status 200), else a `StreamParseError` that gives the
 * answer's length, never its content.
 * @example
 * throw unexpectedAnswer(parseAnswer(text), text, response.headers, "an event stream");
 */
export function unexpectedAnswer(
  answer: unknown,
  text: string,
  headers: Headers,
  expected: string,
): OpenRouterError {
  if (isRecord(answer) && answer.error) {
    return inStreamError(wireFailure(answer.error, "The API reported an error."), { headers });
  }
  const kind = answer === undefined ? "not valid JSON" : "JSON";
  return new StreamParseError(
    `The answer was ${kind} (${text.length} characters), not ${expected}.`,
    { headers },
  );
}
