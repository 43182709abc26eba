import type { IncomingMessage } from "node:http";

/** Request headers browsers may send cross-origin: the API's own, attribution, and ours. */
const ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "http-referer",
  "x-title",
  "x-openrouter-title",
  "x-openrouter-categories",
  "x-openrouter-metadata",
  "x-or-fixture",
  "x-or-fault",
];

/** Response headers browser code may read. */
const EXPOSED_HEADERS = [
  "x-generation-id",
  "retry-after",
  "retry-after-ms",
  "content-type",
  "x-or-fixture",
  "x-or-fault-skipped",
];

/** CORS headers for every answer, so browser tests can call the server from any origin. */
export function corsHeaders(): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-expose-headers": EXPOSED_HEADERS.join(", "),
  };
}

/** Headers for an `OPTIONS` preflight: every method, and whatever headers the browser asks for. */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const asked = req.headers["access-control-request-headers"];
  return {
    ...corsHeaders(),
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": asked
      ? `${ALLOWED_HEADERS.join(", ")}, ${asked}`
      : ALLOWED_HEADERS.join(", "),
    "access-control-max-age": "600",
  };
}
