import { typedBodyFailure } from "./body-failure";
import { deferredBodyRequestClass } from "./deferred-request";
import { errorFromResponse } from "./errors";

type Result = { error?: unknown; response: Response };
type Init = { signal?: AbortSignal | null; middleware?: unknown[]; Request?: typeof Request };
type Send = (url: string, init?: Init) => Promise<Result>;
type Methods = Record<"GET" | "PUT" | "POST" | "DELETE" | "PATCH", Send> & {
  use(...middleware: unknown[]): void;
  eject(...middleware: unknown[]): void;
};

/**
 * Wraps the methods: failures while a body is read (abort, cut connection) become typed like
 * those before it, and with `throwOnError` an error answer is thrown. Done here rather than in
 * middleware, so a client without middleware skips openapi-fetch's middleware machinery, and
 * then sends with a `DeferredBodyRequest` (no middleware can expect a real body stream).
 */
export function wrapMethods(client: object, throwOnError: boolean): void {
  const methods = client as Methods;
  const registered = new Set<unknown>();
  const { use, eject } = methods;
  methods.use = (...middleware) => {
    use(...middleware);
    for (const m of middleware) if (m) registered.add(m);
  };
  methods.eject = (...middleware) => {
    eject(...middleware);
    for (const m of middleware) registered.delete(m);
  };
  for (const name of ["GET", "PUT", "POST", "DELETE", "PATCH"] as const) {
    const send = methods[name];
    methods[name] = async (url, init) => {
      const plain = registered.size === 0 && !init?.middleware?.length && !init?.Request;
      let result: Result;
      try {
        result = await send(url, plain ? { ...init, Request: deferredBodyRequestClass() } : init);
      } catch (error) {
        throw typedBodyFailure(error, init?.signal);
      }
      if (throwOnError && !result.response.ok)
        throw errorFromResponse(result.response, result.error);
      return result;
    };
  }
}
