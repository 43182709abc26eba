import type { OpenRouterErrorBody } from "./errors";
import { redactText, redactValue } from "./redaction";

/** Appended to a 401's message when the call carried no key at all. */
export const NO_KEY_HINT =
  "No API key was set: pass `apiKey` to createOpenRouter() or set OPENROUTER_API_KEY.";

/**
 * The body of an error answer in the API's shape, `{ error: { code, message, metadata } }`,
 * from what openapi-fetch read (parsed JSON, else the text, else nothing): the API's JSON as is
 * (redacted after parsing: it may echo the request, key included, in any escaping), and anything
 * else (an HTML 502 from a proxy, an empty 503) described, its text kept shortened in
 * `metadata.body` (not `raw`, which holds a provider's own error).
 */
export function errorBodyOf(
  read: unknown,
  response: Response,
  keyless = false,
): OpenRouterErrorBody {
  const body =
    typeof (read as OpenRouterErrorBody | null)?.error === "object" &&
    (read as OpenRouterErrorBody).error !== null
      ? redactValue(read as OpenRouterErrorBody)
      : describe(read, response, "a non-JSON body");
  if (keyless && response.status === 401) {
    body.error = {
      ...body.error,
      message: `${body.error.message ?? "Unauthorized"}. ${NO_KEY_HINT}`,
    };
  }
  return body;
}

/**
 * An answer that is not what the API sends (an error page, a captive portal's login page), as
 * the API's error shape: what came (status, content type) and its readable start, redacted.
 */
export function describe(read: unknown, response: Response, what: string): OpenRouterErrorBody {
  const received = typeof read === "string" ? read : read === undefined ? "" : JSON.stringify(read);
  const contentType = response.headers.get("content-type") ?? "no content type";
  // Summarized before redaction, so tag stripping leaves the `<redacted>` markers alone.
  const summary = redactText(summarize(received));
  return {
    error: {
      code: response.status,
      message: `The server answered ${response.status} with ${what} (${contentType})${summary ? `: ${summary}` : ""}`,
      metadata: { body: redactText(received).slice(0, 2000), content_type: contentType },
    },
  };
}

/** The readable part of an error page: its title, or its text without tags. */
function summarize(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  return (title ?? text.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim().slice(0, 200);
}
