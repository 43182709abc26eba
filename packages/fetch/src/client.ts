import type { paths } from "@or/types";
import type { TypedClient } from "./client-types";
import { levelLogger, type Logger, type LogLevel } from "./logger";
import { createOpenApiClient } from "./openapi-client";
import type { FetchFn } from "./redirects";
import { sendWith } from "./send";
import { resolveRetry, type RetryOptions } from "./retry-policy";
import { createTransport } from "./transport";

export const DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

/** Options of `createOpenRouter`. */
export interface OpenRouterOptions {
  /** The API key, or a function returning it (called per attempt). Default: `OPENROUTER_API_KEY`. */
  apiKey?: string | (() => string | undefined | Promise<string | undefined>);
  /** Default `https://openrouter.ai/api/v1`. */
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

type Env = { process?: { env?: Record<string, string | undefined> } };

function attributionHeaders(options: OpenRouterOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.appUrl) headers["HTTP-Referer"] = options.appUrl;
  if (options.appTitle) headers["X-OpenRouter-Title"] = options.appTitle;
  const categories = options.appCategories;
  if (categories?.length) headers["X-OpenRouter-Categories"] = [categories].flat().join(",");
  return headers;
}

/**
 * Creates a client for the whole OpenRouter API: typed paths, params, bodies and results, with
 * auth, attribution, retries, timeouts and typed errors.
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
  const { apiKey = (globalThis as Env).process?.env?.OPENROUTER_API_KEY } = options;
  const logger = levelLogger(options.logger ?? console, options.logLevel ?? "warn");
  const transport = createTransport({
    send: sendWith(options.fetch),
    retry: resolveRetry(options.retry),
    timeoutMs: options.timeoutMs,
    // A plain key is handed over as is: no promise per attempt.
    apiKey: typeof apiKey === "function" ? apiKey : () => apiKey,
    logger,
  });
  return createOpenApiClient({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    headers: { ...attributionHeaders(options), ...options.headers },
    transport,
    throwOnError: options.throwOnError ?? false,
  }) as OpenRouterClient<Throws>;
}
