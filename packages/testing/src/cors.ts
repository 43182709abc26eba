import type { IncomingMessage } from "node:http";

/**
 * Which web origins may call a server from a browser: `"*"` for any (the replay server, which holds
 * no secret), or a list of exact origins (`https://app.example:8443`); an empty list allows none.
 */
export type CorsPolicy = "*" | readonly string[];

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
  "x-or-recorder-token",
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

/**
 * Checks a list of allowed origins given as option `name`: each must be an exact origin
 * (scheme, host, optional port; no path, no `*`). Throws a `TypeError` naming the option.
 */
export function checkOrigins(value: unknown, name: string): readonly string[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of origins`);
  for (const origin of value as unknown[]) {
    if (typeof origin !== "string" || !isOrigin(origin)) {
      throw new TypeError(
        `${name}: ${JSON.stringify(origin)} is not an origin like "https://app.example:8443"`,
      );
    }
  }
  return [...(value as string[])];
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && url.origin === text;
  } catch {
    return false;
  }
}

/** Whether a request's `Origin` header is one the policy lets in (no header: not a browser). */
export function originAllowed(policy: CorsPolicy, origin: string | undefined): boolean {
  return origin === undefined || policy === "*" || policy.includes(origin);
}

/**
 * CORS headers for an answer to a request from `origin`: `*` under the `"*"` policy; the origin
 * itself when the list holds it; none otherwise, so browsers keep the answer from the page.
 */
export function corsHeaders(
  policy: CorsPolicy = "*",
  origin?: string | undefined,
): Record<string, string> {
  const expose = { "access-control-expose-headers": EXPOSED_HEADERS.join(", ") };
  if (policy === "*") return { "access-control-allow-origin": "*", ...expose };
  if (origin === undefined || !policy.includes(origin)) return { vary: "origin" };
  return { "access-control-allow-origin": origin, vary: "origin", ...expose };
}

/**
 * Headers for an `OPTIONS` preflight. Under `"*"`, every method and whatever headers the browser
 * asks for; under a list, only for a listed origin and only the headers the API uses; else none.
 */
export function preflightHeaders(
  req: IncomingMessage,
  policy: CorsPolicy = "*",
): Record<string, string> {
  const origin = req.headers.origin;
  const base = corsHeaders(policy, origin);
  if (!("access-control-allow-origin" in base)) return base;
  const asked = req.headers["access-control-request-headers"];
  // Reflecting what is asked is harmless only where nothing secret sits behind the server.
  const headers =
    policy === "*" && asked
      ? `${ALLOWED_HEADERS.join(", ")}, ${asked}`
      : ALLOWED_HEADERS.join(", ");
  return {
    ...base,
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": headers,
    "access-control-max-age": "600",
  };
}
