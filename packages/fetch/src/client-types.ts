import type {
  ErrorResponse,
  FilterKeys,
  HttpMethod,
  IsOperationRequestBodyOptional,
  MediaType,
  OperationRequestBodyContent,
  PathsWithMethod,
  RequiredKeysOf,
  ResponseObjectMap,
  SuccessResponse,
} from "openapi-typescript-helpers";

// openapi-fetch runs every call; only its method types are redone here, with the same shapes
// minus one step: openapi-fetch passes bodies and results through `Readable`/`Writable` (for
// readOnly/writeOnly markers, which our generated types never carry), and those mapped types
// turn the open-enum idiom `"a" | (string & {})` into an object type. Types cost nothing at run
// time; middleware, serializers and options are openapi-fetch's own.

import type {
  BodySerializer,
  HeadersOptions,
  Middleware,
  ParseAs,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";

type BodyType<T = unknown> = {
  json: T;
  text: string;
  blob: Blob;
  arrayBuffer: ArrayBuffer;
  stream: Response["body"];
};
type ParseAsResponse<T, Options> = Options extends { parseAs: ParseAs }
  ? BodyType<T>[Options["parseAs"]]
  : T;

type ParamsOption<T> = T extends { parameters: any }
  ? RequiredKeysOf<T["parameters"]> extends never
    ? { params?: T["parameters"] }
    : { params: T["parameters"] }
  : { params?: { query?: Record<string, unknown> } };

type BodyOption<T> = [OperationRequestBodyContent<T>] extends [never]
  ? { body?: never }
  : IsOperationRequestBodyOptional<T> extends true
    ? { body?: OperationRequestBodyContent<T> }
    : { body: OperationRequestBodyContent<T> };

/** Per-call options: params, body, and any `RequestInit` field (`signal`, `headers`…). */
export type CallOptions<T> = ParamsOption<T> &
  BodyOption<T> & {
    baseUrl?: string;
    querySerializer?: QuerySerializer<T> | QuerySerializerOptions;
    bodySerializer?: BodySerializer<T>;
    pathSerializer?: PathSerializer;
    parseAs?: ParseAs;
    /** Sends this call (auth, retries and redirects still apply): gets a `Request`. */
    fetch?: (input: Request) => Promise<Response>;
    /** The `Request` class to build this call's request with. */
    Request?: typeof Request;
    headers?: HeadersOptions;
    middleware?: Middleware[];
  } & Omit<RequestInit, "body" | "headers">;

type InitFor<Params, Method extends HttpMethod, As extends ParseAs> = CallOptions<
  FilterKeys<Params, Method>
> & {
  parseAs?: As;
  [key: string]: unknown;
};

// The argument is optional when no option is required. `As` is inferred on its own (from
// `parseAs` alone): inferring the whole init object would widen literals in the body
// (`role: "user"` to string), fail the constraint, and lose `parseAs`.
type InitParam<Params, Method extends HttpMethod, As extends ParseAs> =
  RequiredKeysOf<CallOptions<FilterKeys<Params, Method>>> extends never
    ? [InitFor<Params, Method, As>?]
    : [InitFor<Params, Method, As>];

type Responses<T> =
  ResponseObjectMap<T> extends infer R extends Record<string | number, any> ? R : never;

/** The result of a call: `data` or a typed `error` (the API's error body), plus the `Response`. */
export type CallResult<T, Init, Media extends MediaType, Throws extends boolean> =
  | {
      data: ParseAsResponse<SuccessResponse<Responses<T>, Media>, Init>;
      error?: never;
      response: Response;
    }
  | (Throws extends true
      ? never
      : { data?: never; error: ErrorResponse<Responses<T>, Media>; response: Response });

type Method<
  Paths extends {},
  M extends HttpMethod,
  Media extends MediaType,
  Throws extends boolean,
> = <Path extends PathsWithMethod<Paths, M>, As extends ParseAs = "json">(
  url: Path,
  ...init: InitParam<Paths[Path], M, As>
) => Promise<CallResult<FilterKeys<Paths[Path], M>, { parseAs: As }, Media, Throws>>;

type RequestMethod<Paths extends {}, Media extends MediaType, Throws extends boolean> = <
  M extends HttpMethod,
  Path extends PathsWithMethod<Paths, M>,
  As extends ParseAs = "json",
>(
  method: M,
  url: Path,
  ...init: InitParam<Paths[Path], M, As>
) => Promise<CallResult<FilterKeys<Paths[Path], M>, { parseAs: As }, Media, Throws>>;

/**
 * A client with openapi-fetch's interface. With `Throws` (from `throwOnError: true`) error answers are thrown
 * as `OpenRouterError`s, so results always hold `data`.
 */
export interface TypedClient<
  Paths extends {},
  Media extends MediaType,
  Throws extends boolean = false,
> {
  GET: Method<Paths, "get", Media, Throws>;
  PUT: Method<Paths, "put", Media, Throws>;
  POST: Method<Paths, "post", Media, Throws>;
  DELETE: Method<Paths, "delete", Media, Throws>;
  PATCH: Method<Paths, "patch", Media, Throws>;
  OPTIONS: Method<Paths, "options", Media, Throws>;
  HEAD: Method<Paths, "head", Media, Throws>;
  TRACE: Method<Paths, "trace", Media, Throws>;
  /** Any method by name, as `client.request("get", "/models")`. */
  request: RequestMethod<Paths, Media, Throws>;
  /**
   * Registers openapi-fetch middleware. `onRequest` sees each call's request before the client
   * adds the key, retries and follows redirects (without the key); `onResponse` sees the final answer.
   */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}
