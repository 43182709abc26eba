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
  // Even an empty error answer gets the error shape (`error` is always set).
  if (!response.ok) return { error: await errorBodyOf(response), response };
  return { data: await readData(response, method, parseAs), response };
}

async function readData(response: Response, method: string, parseAs: ParseAs) {
  const length = response.headers.get("content-length");
  const chunked = response.headers.get("transfer-encoding")?.includes("chunked");
  if (response.status === 204 || method === "HEAD" || (length === "0" && !chunked))
    return undefined;
  if (parseAs === "stream") return response.body;
  if (parseAs !== "json" || length) return response[parseAs]();
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}
