import type { FetchFn, SendFn } from "./redirects";

/**
 * A custom `fetch` gets a `Request`, as openapi-fetch's would; the global one is called as
 * `fetch(url, init)`, looked up per call (so a fetch installed later, a polyfill or
 * instrumentation, is used).
 */
export function sendWith(custom: FetchFn | undefined): SendFn {
  return custom ? (url, init) => custom(new Request(url, init)) : (url, init) => fetch(url, init);
}
