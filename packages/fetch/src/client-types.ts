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

// The client has openapi-fetch's interface, typed here with the same shapes minus one step:
// openapi-fetch passes bodies and results through `Readable`/`Writable` (for readOnly/writeOnly
// markers, which our generated types never carry), and those mapped types turn the open-enum
// idiom `"a" | (string & {})` into an object type. Middleware written for openapi-fetch fits.

/** Header values as openapi-fetch takes them: `null` removes a header, an array repeats it. */
export type HeadersOptions =
  | Required<RequestInit>["headers"]
  | Record<string, string | number | boolean | (string | number | boolean)[] | null | undefined>;

/** Turns a call's query params into a query string (without `?`). */
export type QuerySerializer<T> = (
  query: T extends { parameters: any }
    ? NonNullable<T["parameters"]["query"]>
    : Record<string, unknown>,
) => string;

/**
 * Options of the default query serializer. The API has no array or object query parameters,
 * so only `allowReserved` applies: send reserved characters (`:/?#[]@!$&'()*+,;=`) unencoded.
 */
export type QuerySerializerOptions = { allowReserved?: boolean };

/** Turns a call's body into what `fetch` sends. Default: JSON (a `FormData` is sent as is). */
export type BodySerializer<T> = (
  body: OperationRequestBodyContent<T>,
  headers?: Record<string, string>,
) => any;

/** Fills the `{name}` params of a URL. */
export type PathSerializer = (pathname: string, pathParams: Record<string, unknown>) => string;

type BodyType<T = unknown> = {
  json: T;
  text: string;
  blob: Blob;
  arrayBuffer: ArrayBuffer;
  stream: Response["body"];
};
/** How a successful body is read. Default `"json"`; `"stream"` hands over `response.body`. */
export type ParseAs = keyof BodyType;
type ParseAsResponse<T, Options> = Options extends { parseAs: ParseAs }
  ? BodyType<T>[Options["parseAs"]]
  : T;

type ParamsOption<T> = T extends { parameters: any }
  ? RequiredKeysOf<T["parameters"]> extends never
    ? { params?: T["parameters"] }
    : { params: T["parameters"] }
  : { params?: { query?: Record<string, unknown> } };

/** What middleware is told about the call, besides the `Request`. */
export interface MiddlewareCallbackParams {
  /** The request as it stands (a middleware may have replaced it). */
  request: Request;
  /** The path as the spec writes it, e.g. `/keys/{hash}`. */
  readonly schemaPath: string;
  readonly params: {
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
    path?: Record<string, unknown>;
  };
  /** Unique per call: ties `onRequest` to its `onResponse`. */
  readonly id: string;
  readonly options: {
    baseUrl: string;
    parseAs: ParseAs;
    querySerializer: QuerySerializer<unknown>;
    bodySerializer: BodySerializer<unknown>;
    pathSerializer: PathSerializer;
    fetch: typeof globalThis.fetch;
  };
}

type OnRequest = (
  options: MiddlewareCallbackParams,
) => void | Request | Response | undefined | Promise<Request | Response | undefined | void>;
type OnResponse = (
  options: MiddlewareCallbackParams & { response: Response },
) => void | Response | undefined | Promise<Response | undefined | void>;
type OnError = (
  options: MiddlewareCallbackParams & { error: unknown },
) => void | Response | Error | Promise<void | Response | Error>;

/**
 * openapi-fetch's middleware: `onRequest` may return a new `Request` (or a `Response`, which
 * skips sending), `onResponse` a new `Response`, `onError` a `Response` or another `Error`.
 */
export type Middleware =
  | { onRequest: OnRequest; onResponse?: OnResponse; onError?: OnError }
  | { onRequest?: OnRequest; onResponse: OnResponse; onError?: OnError }
  | { onRequest?: OnRequest; onResponse?: OnResponse; onError: OnError };

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
  /**
   * Registers middleware. `onRequest` sees each call's request before the client adds the key,
   * retries and follows redirects (without the key); `onResponse` sees the final answer.
   */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}
