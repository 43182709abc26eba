import type { OpenRouterErrorBody } from "./errors";
import { redactText } from "./redaction";

/**
 * The body of an error answer in the API's shape, `{ error: { code, message, metadata } }`,
 * whatever came: the API's JSON as is (redacted: it may echo the request, key included), and
 * anything else (an HTML 502 from a proxy, an empty 503) described, its text kept shortened in
 * `metadata.body` (not `raw`, which holds a provider's own error).
 */
export async function errorBodyOf(response: Response): Promise<OpenRouterErrorBody> {
  const received = await response.text();
  const text = redactText(received);
  const parsed = parseErrorBody(text);
  if (parsed) return parsed;
  const contentType = response.headers.get("content-type") ?? "no content type";
  // Summarized before redaction, so tag stripping leaves the `<redacted>` markers alone.
  const summary = redactText(summarize(received));
  return {
    error: {
      code: response.status,
      message: `The server answered ${response.status} with a non-JSON body (${contentType})${summary ? `: ${summary}` : ""}`,
      metadata: { body: text.slice(0, 2000), content_type: contentType },
    },
  };
}

function parseErrorBody(text: string): OpenRouterErrorBody | undefined {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed?.error === "object" && parsed.error !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The readable part of an error page: its title, or its text without tags. */
function summarize(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  return (title ?? text.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim().slice(0, 200);
}
