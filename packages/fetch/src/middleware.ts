import type { Middleware, MiddlewareCallbackParams } from "./client-types";

/** One call as middleware sees it; `request` follows what `onRequest` hands back. */
export type MiddlewareCall = MiddlewareCallbackParams;

type Hooks = Partial<Record<"onRequest" | "onResponse" | "onError", (...args: any[]) => any>>;

/** openapi-fetch's check, so a mistake shows at `use()` rather than on the first call. */
export function assertMiddleware(middleware: unknown): asserts middleware is Middleware {
  if (
    typeof middleware !== "object" ||
    middleware === null ||
    !("onRequest" in middleware || "onResponse" in middleware || "onError" in middleware)
  ) {
    throw new TypeError(
      "Middleware must be an object with one of `onRequest()`, `onResponse()` or `onError()`.",
    );
  }
}

/**
 * Sends a call through middleware as openapi-fetch does: `onRequest` in order (it may replace
 * the request, or answer with a `Response`: then nothing is sent and `onResponse` is skipped),
 * `onError` in reverse when sending fails, `onResponse` in reverse on the answer.
 */
export async function sendThroughMiddleware(
  list: Middleware[],
  call: MiddlewareCall,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  const early = await runOnRequest(list, call);
  if (early) return early;
  let response: Response;
  try {
    response = await send(call.request);
  } catch (error) {
    response = await runOnError(list, call, error);
  }
  return runOnResponse(list, call, response);
}

/** Runs `onRequest` in order: a `Request` replaces the request, a `Response` answers the call. */
async function runOnRequest(
  list: Middleware[],
  call: MiddlewareCall,
): Promise<Response | undefined> {
  for (const m of list as Hooks[]) {
    const result = await m.onRequest?.(call);
    if (!result) continue;
    if (result instanceof Request) call.request = result;
    else if (result instanceof Response) return result;
    else throw new TypeError("onRequest: must return a Request or a Response, or nothing.");
  }
  return undefined;
}

/** Runs `onResponse` in reverse order; each may replace the response. */
async function runOnResponse(
  list: Middleware[],
  call: MiddlewareCall,
  response: Response,
): Promise<Response> {
  for (const m of [...list].reverse() as Hooks[]) {
    const result = await m.onResponse?.({ ...call, response });
    if (!result) continue;
    if (!(result instanceof Response))
      throw new TypeError("onResponse: must return a Response, or nothing.");
    response = result;
  }
  return response;
}

/**
 * Runs `onError` in reverse order: a `Response` recovers the call, an `Error` replaces the
 * error passed on. Returns the recovering response, or throws the final error.
 */
async function runOnError(
  list: Middleware[],
  call: MiddlewareCall,
  error: unknown,
): Promise<Response> {
  for (const m of [...list].reverse() as Hooks[]) {
    const result = await m.onError?.({ ...call, error });
    if (!result) continue;
    if (result instanceof Response) return result;
    if (!(result instanceof Error))
      throw new TypeError("onError: must return a Response or an Error, or nothing.");
    error = result;
  }
  throw error;
}
