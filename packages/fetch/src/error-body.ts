import type { OpenRouterErrorBody } from "./errors";
import { redactText } from "./redaction";

/**
 * Error answers that are not the API's JSON shape (an HTML 502 from a proxy, an empty 503)
 * become one, so `error` is always `{ error: { code, message, metadata } }`. The original text
 * is kept, shortened, in `metadata.body` (not `raw`, which holds a provider's own error).
 */
export async function normalizeErrorResponse(response: Response): Promise<Response> {
  if (response.ok) return response;
  const received = await response.clone().text();
  // An error body may echo the request, key included: it never reaches the caller unredacted.
  const text = redactText(received);
  if (isErrorBody(text)) return text === received ? response : withBody(response, text);
  const contentType = response.headers.get("content-type") ?? "no content type";
  // Summarized before redaction, so tag stripping leaves the `<redacted>` markers alone.
  const summary = redactText(summarize(received, contentType));
  const body: OpenRouterErrorBody = {
    error: {
      code: response.status,
      message: `The server answered ${response.status} with a non-JSON body (${contentType})${summary ? `: ${summary}` : ""}`,
      metadata: { body: text.slice(0, 2000), content_type: contentType },
    },
  };
  return withBody(response, JSON.stringify(body));
}

function withBody(response: Response, json: string): Response {
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(json, { status: response.status, statusText: response.statusText, headers });
}

function isErrorBody(text: string): boolean {
  try {
    const parsed = JSON.parse(text);
    return (
      parsed !== null &&
      typeof parsed === "object" &&
      typeof parsed.error === "object" &&
      parsed.error !== null
    );
  } catch {
    return false;
  }
}

/** The readable part of an error page: its title, or its text without tags. */
function summarize(text: string, contentType: string): string {
  if (contentType.includes("html")) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    const plain = (title ?? text.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
    return plain.slice(0, 200);
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}
