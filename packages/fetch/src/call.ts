import type { Client } from "openapi-fetch";
import { typedBodyFailure } from "./body-failure";
import { CallRequest } from "./call-request";
import { describe, errorBodyOf } from "./error-body";
import { errorFromResponse } from "./errors";
import type { FetchFn } from "./redirects";
import type { CallState, Transport } from "./transport";

type Engine = Client<any>;
type Init = {
  fetch?: FetchFn;
  parseAs?: string;
  signal?: AbortSignal | null;
  Request?: unknown;
  middleware?: unknown[];
  [key: string]: unknown;
};
type Result = { data?: unknown; error?: unknown; response: Response };

/** What a call resolves to once openapi-fetch is done: ours around its result. */
export type Call = (method: string, path: string, init?: Init) => Promise<Result>;

/**
 * Runs each call through openapi-fetch with our transport as its `fetch`, then settles the
 * result: error bodies in the API's shape (redacted), `throwOnError`, typed failures for a body
 * cut mid-read, an abort while reading, or a success that is not JSON (a captive portal).
 */
export function createCall(
  engine: Engine,
  transport: Transport,
  client: {
    fetch: FetchFn | undefined;
    throwOnError: boolean;
    /** Whether calls need a real `Request`: a custom `Request` class, or middleware registered. */
    needsRequest: () => boolean;
  },
): Call {
  return async function call(method, path, init = {}) {
    const state: CallState & { response?: Response; text?: string } = {};
    const custom = init.fetch ?? client.fetch;
    const json = (init.parseAs ?? "json") === "json";
    const fetch = async (request: Request, ext?: Record<string, unknown>) => {
      const response = await transport(request, ext, custom, state);
      state.response = response;
      return json &&
        response.ok &&
        response.status !== 204 &&
        method !== "HEAD" &&
        !saysJson(response)
        ? keepText(response, state)
        : response;
    };
    let result: Result;
    try {
      // Without middleware nobody sees the request before it is sent: a `CallRequest` will do.
      const light = !init.Request && !init.middleware?.length && !client.needsRequest();
      const options = light ? { ...init, fetch, Request: CallRequest } : { ...init, fetch };
      result = (await engine.request(method as "get", path as never, options as never)) as Result;
    } catch (error) {
      const response = state.response;
      if (error instanceof SyntaxError && response?.ok) {
        throw errorFromResponse(
          response,
          describe(state.text ?? error.message, response, "a body that is not JSON"),
        );
      }
      throw typedBodyFailure(error, init.signal);
    }
    const { response } = result;
    if (response.ok) return result;
    const error = errorBodyOf(result.error, response, state.keyless);
    if (client.throwOnError) throw errorFromResponse(response, error);
    return { error, response };
  };
}

const saysJson = (response: Response) => /json/i.test(response.headers.get("content-type") ?? "");

/**
 * A success that does not say it is JSON, read here so that, when openapi-fetch fails to parse
 * it, the error can show what came. Rare (the API always says JSON), so the copy costs nothing.
 */
async function keepText(response: Response, state: { text?: string }): Promise<Response> {
  const text = await response.text();
  state.text = text;
  const { status, statusText, headers } = response;
  return new Response(status === 205 ? null : text, { status, statusText, headers });
}
