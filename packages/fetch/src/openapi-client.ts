import type { paths } from "@or/types";
import { typedBodyFailure } from "./body-failure";
import type {
  BodySerializer,
  HeadersOptions,
  Middleware,
  MiddlewareCallbackParams,
  ParseAs,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
  TypedClient,
} from "./client-types";
import { errorFromResponse } from "./errors";
import { assertMiddleware, sendThroughMiddleware } from "./middleware";
import type { FetchFn } from "./redirects";
import { defaultBodySerializer, requestBody } from "./request-body";
import { mergeHeaders } from "./request-headers";
import { defaultPathSerializer, queryString, requestUrl } from "./request-url";
import { readResult } from "./response-body";
import { sendWith } from "./send";
import type { Outgoing, Transport } from "./transport";

/** The options of one call, as the runtime sees them. */
interface CallOptions extends Omit<RequestInit, "body" | "headers"> {
  baseUrl?: string;
  fetch?: FetchFn;
  headers?: HeadersOptions;
  params?: MiddlewareCallbackParams["params"];
  parseAs?: ParseAs;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: (body: any, headers?: Record<string, string>) => any;
  pathSerializer?: PathSerializer;
  body?: unknown;
  middleware?: Middleware[];
}

export interface CoreOptions {
  baseUrl: string;
  headers: HeadersOptions;
  transport: Transport;
  throwOnError: boolean;
}

/**
 * The client: openapi-fetch's interface and request semantics (URL, query, headers and body
 * serialization, middleware, result shape) on our transport. A `Request` is built only when
 * middleware is registered; a plain call goes to `fetch(url, init)` directly.
 */
export function createOpenApiClient(
  core: CoreOptions,
): TypedClient<paths, "application/json", boolean> {
  const registered: Middleware[] = [];
  let calls = 0;

  async function call(method: string, schemaPath: string, options: CallOptions = {}) {
    const {
      baseUrl: givenBaseUrl = core.baseUrl,
      fetch: callFetch,
      headers,
      params = {},
      parseAs = "json",
      querySerializer: queryOption,
      bodySerializer = defaultBodySerializer,
      pathSerializer = defaultPathSerializer,
      body,
      middleware = [],
      ...init
    } = options;
    const baseUrl = givenBaseUrl.replace(/\/+$/, "");
    const querySerializer: QuerySerializer<unknown> =
      typeof queryOption === "function" ? queryOption : (query) => queryString(query, queryOption);
    const url = requestUrl(baseUrl, schemaPath, params, querySerializer, pathSerializer);
    const custom: Parameters<typeof mergeHeaders> = [core.headers, headers, params.header];
    const serialized =
      body === undefined ? undefined : bodySerializer(body, mergeHeaders(...custom));
    const json = serialized !== undefined && !(serialized instanceof FormData);
    const outgoing: Outgoing = {
      ...init,
      method,
      headers: mergeHeaders(json ? { "content-type": "application/json" } : undefined, ...custom),
      body: serialized as BodyInit | undefined,
    };
    const send = callFetch && sendWith(callFetch);
    const list = registered.length || middleware.length ? [...registered, ...middleware] : [];
    let response: Response;
    try {
      if (list.length) {
        const request = new Request(url, outgoing);
        // As openapi-fetch does: custom init fields (a trace id…) ride on the request.
        for (const key in init) if (!(key in request)) (request as any)[key] = (init as any)[key];
        const context: MiddlewareCallbackParams = {
          request,
          schemaPath,
          params,
          // Unique per client, which is all middleware needs to pair hooks.
          id: String(++calls),
          options: Object.freeze({
            baseUrl,
            parseAs,
            querySerializer,
            bodySerializer,
            pathSerializer,
            fetch: globalThis.fetch,
          }),
        };
        response = await sendThroughMiddleware(list, context, async (request) =>
          core.transport(
            request.url,
            {
              ...outgoing,
              method: request.method,
              headers: Object.fromEntries(request.headers),
              body: await requestBody(request),
              signal: request.signal,
            },
            send,
          ),
        );
      } else {
        response = await core.transport(url, outgoing, send);
      }
      const result = await readResult(response, method, parseAs);
      if (core.throwOnError && !response.ok) throw errorFromResponse(response, result.error);
      return result;
    } catch (error) {
      throw typedBodyFailure(error, init.signal);
    }
  }

  const method = (name: string) => (path: string, options?: CallOptions) =>
    call(name, path, options);
  return {
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    PATCH: method("PATCH"),
    use(...middleware: Middleware[]) {
      for (const m of middleware) {
        if (!m) continue;
        assertMiddleware(m);
        registered.push(m);
      }
    },
    eject(...middleware: Middleware[]) {
      for (const m of middleware) {
        const index = registered.indexOf(m);
        if (index >= 0) registered.splice(index, 1);
      }
    },
  } as unknown as TypedClient<paths, "application/json", boolean>;
}
