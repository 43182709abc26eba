const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 20;

export type FetchFn = (request: Request) => Promise<Response>;

/**
 * Follows redirects by hand so credentials never reach another origin: `Authorization` and
 * `Cookie` are dropped on the first cross-origin hop. Browsers hide redirects (an opaque
 * answer); there the request is sent again with `redirect: "follow"`, and the browser strips
 * the header itself, as the Fetch standard requires.
 */
export async function fetchFollowingRedirects(request: Request, fetchFn: FetchFn): Promise<Response> {
  let current = new Request(request.clone(), { redirect: "manual" });
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const response = await fetchFn(current);
    if (response.type === "opaqueredirect") return fetchFn(new Request(request, { redirect: "follow" }));
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (!location) return response;
    await response.body?.cancel();
    current = await nextHop(request, current, response.status, new URL(location, current.url));
  }
  throw new TypeError(`More than ${MAX_HOPS} redirects from ${new URL(request.url).origin}.`);
}

async function nextHop(original: Request, current: Request, status: number, target: URL): Promise<Request> {
  const headers = new Headers(current.headers);
  if (target.origin !== new URL(current.url).origin) {
    headers.delete("authorization");
    headers.delete("cookie");
  }
  // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
  const toGet = status === 303 || ((status === 301 || status === 302) && current.method === "POST");
  const method = toGet ? "GET" : current.method;
  if (toGet) headers.delete("content-type");
  const body = toGet || method === "GET" || method === "HEAD" ? undefined : await original.clone().arrayBuffer();
  return new Request(target, { method, headers, body, signal: current.signal, redirect: "manual" });
}
