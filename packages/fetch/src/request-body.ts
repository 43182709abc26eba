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

/**
 * A stream body read once, into bytes, so every attempt and redirect can send it again
 * (strings, bytes, `FormData` and `Blob`s can be sent as they are).
 */
export const replayableBody = (body: ReadableStream): Promise<ArrayBuffer> =>
  new Response(body).arrayBuffer();

/** The body of a `Request` (one made by middleware): text for JSON and text, else bytes. */
export function requestBody(request: Request): Promise<BodyInit> | undefined {
  if (!request.body) return undefined;
  const type = request.headers.get("content-type") ?? "";
  return /json|^text\//i.test(type) ? request.text() : request.arrayBuffer();
}
