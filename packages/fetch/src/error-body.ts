import type { OpenRouterErrorBody } from "./errors";

/**
 * Error answers that are not the API's JSON shape (an HTML 502 from a proxy, an empty 503)
 * become one, so `error` is always `{ error: { code, message, metadata } }`. The original text
 * is kept, shortened, in `metadata.raw`.
 */
export async function normalizeErrorResponse(response: Response): Promise<Response> {
  if (response.ok) return response;
  const text = await response.clone().text();
  if (isErrorBody(text)) return response;
  const contentType = response.headers.get("content-type") ?? "no content type";
  const summary = summarize(text, contentType);
  const body: OpenRouterErrorBody = {
    error: {
      code: response.status,
      message: `The server answered ${response.status} with a non-JSON body (${contentType})${summary ? `: ${summary}` : ""}`,
      metadata: { raw: text.slice(0, 2000), content_type: contentType },
    },
  };
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}

function isErrorBody(text: string): boolean {
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && typeof parsed.error === "object" && parsed.error !== null;
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
