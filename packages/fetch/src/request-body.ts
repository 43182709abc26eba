/**
 * openapi-fetch's default body serialization: a `FormData` as is, a form-encoded content type
 * as `URLSearchParams`, anything else as JSON.
 */
export function defaultBodySerializer(body: unknown, headers?: Record<string, string>): unknown {
  if (body instanceof FormData) return body;
  if (headers?.["content-type"] === "application/x-www-form-urlencoded")
    return new URLSearchParams(body as Record<string, string>).toString();
  return JSON.stringify(body);
}

/** The body of a `Request` (one middleware saw), as bytes every attempt can send again. */
export const requestBody = (request: Request): Promise<ArrayBuffer> | undefined =>
  request.body ? request.arrayBuffer() : undefined;
