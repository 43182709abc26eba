import { ConnectionError } from "./errors";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 20;

/** A `fetch` given as an option: called with a `Request` (a proxy-aware one, instrumentation). */
export type FetchFn = (request: Request) => Promise<Response>;

/** How the transport sends: `fetch(url, init)`, which costs less than a `Request` in undici. */
export type SendFn = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Sends with `redirect: "manual"` and follows redirects by hand, so credentials never reach
 * another origin: `Authorization` and `Cookie` are dropped on the first cross-origin hop.
 * Browsers hide redirects (an opaque answer); there the request is sent again with
 * `redirect: "follow"`, and the browser strips the header itself, as the Fetch standard requires.
 */
export async function fetchFollowingRedirects(
  url: string,
  init: RequestInit,
  send: SendFn,
): Promise<Response> {
  let current = { url, init };
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const response = await send(current.url, current.init);
    if (response.type === "opaqueredirect") return send(url, { ...init, redirect: "follow" });
    const location = REDIRECT_STATUSES.has(response.status)
      ? response.headers.get("location")
      : null;
    if (!location) return response;
    await response.body?.cancel();
    current = nextHop(current, response.status, new URL(location, current.url));
  }
  // Not retried: the same request would loop again.
  throw new ConnectionError(`More than ${MAX_HOPS} redirects from ${new URL(url).origin}.`, {
    retryable: false,
  });
}

function nextHop(
  current: { url: string; init: RequestInit },
  status: number,
  target: URL,
): { url: string; init: RequestInit } {
  const headers = new Headers(current.init.headers);
  if (target.origin !== new URL(current.url).origin) {
    headers.delete("authorization");
    headers.delete("cookie");
  }
  // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
  const method = current.init.method ?? "GET";
  const toGet = status === 303 || ((status === 301 || status === 302) && method === "POST");
  if (toGet) headers.delete("content-type");
  const body = toGet || method === "GET" || method === "HEAD" ? undefined : current.init.body;
  return {
    url: target.href,
    init: { ...current.init, method: toGet ? "GET" : method, headers, body },
  };
}
