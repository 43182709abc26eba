import { errorBodyOf } from "./error-body";
import type { ParseAs } from "./client-types";

/** What every call resolves to. */
export type CallResult = { data?: unknown; error?: unknown; response: Response };

/**
 * Reads a final answer as openapi-fetch does: no body (204, HEAD, empty) gives `undefined`;
 * success is read as `parseAs` says; any error answer becomes the API's error shape.
 */
export async function readResult(
  response: Response,
  method: string,
  parseAs: ParseAs,
): Promise<CallResult> {
  const length = response.headers.get("content-length");
  const empty =
    response.status === 204 ||
    method === "HEAD" ||
    (length === "0" && !response.headers.get("transfer-encoding")?.includes("chunked"));
  // Even an empty error answer gets the error shape (`error` is always set).
  if (!response.ok) return { error: await errorBodyOf(response), response };
  if (empty) return { data: undefined, response };
  if (parseAs === "stream") return { data: response.body, response };
  if (parseAs !== "json" || length) return { data: await response[parseAs](), response };
  const text = await response.text();
  return { data: text ? JSON.parse(text) : undefined, response };
}
