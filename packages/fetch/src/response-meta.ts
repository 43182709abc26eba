import { serverDelayMs } from "./server-delay";

/** What OpenRouter's response headers tell about a request. */
export interface ResponseMeta {
  /** `X-Generation-Id`: look the request up with `getGeneration`. */
  generationId: string | undefined;
  requestId: string | undefined;
  rateLimit: { limit?: number; remaining?: number; reset?: number } | undefined;
  /** How long the server asked to wait before the next request, if it did. */
  retryAfterMs: number | undefined;
}

const numberHeader = (headers: Headers, name: string) => {
  const value = headers.get(name);
  return value === null || value === "" || Number.isNaN(Number(value)) ? undefined : Number(value);
};

/**
 * Reads the generation id, request id and rate-limit headers of any result.
 * @example
 * const { data, response } = await client.POST("/chat/completions", { body });
 * console.log(responseMeta(response).generationId);
 */
export function responseMeta(response: Response): ResponseMeta {
  const h = response.headers;
  const rateLimit = {
    limit: numberHeader(h, "x-ratelimit-limit"),
    remaining: numberHeader(h, "x-ratelimit-remaining"),
    reset: numberHeader(h, "x-ratelimit-reset"),
  };
  const hasRateLimit = Object.values(rateLimit).some((v) => v !== undefined);
  return {
    generationId: h.get("x-generation-id") ?? undefined,
    requestId: h.get("x-request-id") ?? h.get("cf-ray") ?? undefined,
    rateLimit: hasRateLimit ? rateLimit : undefined,
    retryAfterMs: serverDelayMs(h),
  };
}
