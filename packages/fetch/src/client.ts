import type { paths } from "@or/types";
import createClient, { type ClientOptions } from "openapi-fetch";
import { checkedKey } from "./api-key";
import { createCall } from "./call";
import type { TypedClient } from "./client-types";
import { levelLogger, type Logger, type LogLevel } from "./logger";
import { checkNumber, resolveBaseUrl } from "./options";
import type { FetchFn } from "./redirects";
import { resolveRetry, type RetryOptions } from "./retry-policy";
import { createTransport } from "./transport";

export const DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

/**
 * Options of `createOpenRouter`: ours, and every option of openapi-fetch's `createClient`
 * (`Request`, `querySerializer`, `bodySerializer`, `pathSerializer`, `requestInitExt`, any
 * `RequestInit` field).
 */
export interface OpenRouterOptions extends Omit<ClientOptions, "baseUrl" | "fetch" | "headers"> {
  /** The API key, or a function returning it (called per attempt). Default: `OPENROUTER_API_KEY`. */
  apiKey?: string | (() => string | undefined | Promise<string | undefined>);
  /** Default: `OPENROUTER_BASE_URL`, else `https://openrouter.ai/api/v1`. */
  baseUrl?: string;
  /** The `fetch` to send with, called with a `Request` (a proxy-aware one…). Default: the global `fetch`. */
  fetch?: FetchFn;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Your app's URL, sent as `HTTP-Referer` for app attribution. */
  appUrl?: string;
  /** Your app's name, sent as `X-OpenRouter-Title`. */
  appTitle?: string;
  /** Your app's categories, sent as `X-OpenRouter-Categories`. */
  appCategories?: string | string[];
  /** Retry policy, or `false` for none. Default: 2 retries, 500 ms base, 30 s cap. */
  retry?: RetryOptions | false;
  /** Per-attempt limit on the wait for response headers; never cuts a stream. Default: none. */
  timeoutMs?: number;
  /** Where log lines go. Default: `console`. */
  logger?: Logger;
  /** Default `"warn"`. `"debug"` logs every request with credentials redacted. */
  logLevel?: LogLevel;
  /** Throw an `OpenRouterError` for error answers instead of returning `{ error }`. */
  throwOnError?: boolean;
}

/**
 * An openapi-fetch client typed with every operation of the API (JSON media). `Throws` is true
 * for clients made with `throwOnError: true`.
 */
export type OpenRouterClient<Throws extends boolean = boolean> = TypedClient<
  paths,
  "application/json",
  Throws
>;

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

function attributionHeaders(options: OpenRouterOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.appUrl) headers["HTTP-Referer"] = options.appUrl;
  if (options.appTitle) headers["X-OpenRouter-Title"] = options.appTitle;
  const categories = options.appCategories;
  if (categories?.length) headers["X-OpenRouter-Categories"] = [categories].flat().join(",");
  return headers;
}

/**
 * Creates a client for the whole OpenRouter API: openapi-fetch's `createClient` with typed
 * paths, params, bodies and results, plus auth, attribution, retries, timeouts and typed errors.
 * Invalid options throw a `TypeError` naming the option.
 * @example
 * const client = createOpenRouter({ appTitle: "My app" });
 * const { data, error } = await client.POST("/chat/completions", {
 *   body: { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
 * });
 * if (error) console.error(error.error.message);
 * else console.log(data.choices[0]?.message.content);
 */
export function createOpenRouter<Throws extends boolean = false>(
  options: OpenRouterOptions & { throwOnError?: Throws } = {},
): OpenRouterClient<Throws> {
  const {
    apiKey = env("OPENROUTER_API_KEY"),
    baseUrl,
    fetch,
    headers,
    appUrl: _appUrl,
    appTitle: _appTitle,
    appCategories: _appCategories,
    retry,
    timeoutMs,
    logger,
    logLevel,
    throwOnError = false,
    ...engineOptions
  } = options;
  if (typeof apiKey !== "function") checkedKey(apiKey, "apiKey");
  checkNumber("timeoutMs", timeoutMs, { min: 1 });
  const transport = createTransport({
    fetch,
    retry: resolveRetry(retry),
    timeoutMs,
    // A plain key is handed over as is: no promise per attempt.
    apiKey: typeof apiKey === "function" ? apiKey : () => apiKey,
    logger: levelLogger(logger ?? console, logLevel ?? "warn"),
  });
  const engine = createClient<paths>({
    ...engineOptions,
    baseUrl: resolveBaseUrl(baseUrl, () => env("OPENROUTER_BASE_URL"), DEFAULT_BASE_URL),
    headers: { ...attributionHeaders(options), ...headers },
  });
  // Mirrors openapi-fetch's list (the same middleware may be there twice).
  const registered: unknown[] = [];
  const call = createCall(engine, transport, {
    fetch,
    throwOnError,
    needsRequest: () => registered.length > 0 || engineOptions.Request !== undefined,
  });
  type Init = Parameters<typeof call>[2];
  return {
    // openapi-fetch's methods, in its order.
    ...Object.fromEntries(
      ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"].map((name) => [
        name,
        (path: string, init?: Init) => call(name, path, init),
      ]),
    ),
    request: (name: string, path: string, init?: Init) => call(name.toUpperCase(), path, init),
    use(...middleware: Parameters<typeof engine.use>) {
      engine.use(...middleware);
      for (const m of middleware) if (m) registered.push(m);
    },
    eject(...middleware: Parameters<typeof engine.eject>) {
      engine.eject(...middleware);
      for (const m of middleware) {
        const index = registered.indexOf(m);
        if (index >= 0) registered.splice(index, 1);
      }
    },
  } as unknown as OpenRouterClient<Throws>;
}
