import type { Middleware, MiddlewareCallbackParams } from "./client-types";

type Hooks =
  | null
  | undefined
  | Partial<Record<"onRequest" | "onResponse" | "onError", (...args: any[]) => any>>;

const invalid = (hook: string, what: string) =>
  new TypeError(`Middleware ${hook}() must return ${what}, or nothing.`);

/** openapi-fetch's check, so a mistake shows at `use()` rather than on the first call. */
export function assertMiddleware(middleware: unknown): asserts middleware is Middleware {
  const m = middleware as Hooks;
  if (typeof m !== "object" || !m || !("onRequest" in m || "onResponse" in m || "onError" in m)) {
    throw new TypeError(
      "Middleware must be an object with onRequest(), onResponse() or onError().",
    );
  }
}

/**
 * Sends a call through middleware as openapi-fetch does: `onRequest` in order (it may replace
 * the request, or answer with a `Response`: then nothing is sent and `onResponse` is skipped);
 * when sending fails, `onError` in reverse (a `Response` recovers, an `Error` replaces the
 * error); then `onResponse` in reverse, each may replace the response.
 */
export async function sendThroughMiddleware(
  list: Middleware[],
  call: MiddlewareCallbackParams,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  for (const m of list as Hooks[]) {
    const result = await m?.onRequest?.(call);
    if (result instanceof Request) call.request = result;
    else if (result instanceof Response) return result;
    else if (result) throw invalid("onRequest", "a Request or a Response");
  }
  const reversed = [...list].reverse() as Hooks[];
  let response: Response | undefined;
  try {
    response = await send(call.request);
  } catch (failure) {
    let error = failure;
    for (const m of reversed) {
      const result = await m?.onError?.({ ...call, error });
      if (result instanceof Response) {
        response = result;
        break;
      }
      if (result instanceof Error) error = result;
      else if (result) throw invalid("onError", "a Response or an Error");
    }
    if (!response) throw error;
  }
  for (const m of reversed) {
    const result: unknown = await m?.onResponse?.({ ...call, response });
    if (result instanceof Response) response = result;
    else if (result) throw invalid("onResponse", "a Response");
  }
  return response;
}
