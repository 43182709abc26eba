/**
 * A thin typed client for the OpenRouter API with openapi-fetch's interface.
 * @packageDocumentation
 */
export {
  createOpenRouter,
  DEFAULT_BASE_URL,
  type OpenRouterClient,
  type OpenRouterOptions,
} from "./client";
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  errorFromResponse,
  failureDetail,
  NotFoundError,
  OpenRouterError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  RETRYABLE_STATUSES,
  ServerError,
  TimeoutError,
  type Delivery,
  type OpenRouterErrorBody,
  type OpenRouterErrorInit,
  type OpenRouterErrorKind,
} from "./errors";
export { getGeneration, type GenerationStats, type GetGenerationOptions } from "./generation";
export type { Logger, LogLevel } from "./logger";
export { authorizationUrl, createPkcePair, exchangeCode, AUTH_URL, type PkcePair } from "./pkce";
export { redactText } from "./redaction";
export { isRepeatable } from "./repeatable";
export { responseMeta, type ResponseMeta } from "./response-meta";
export { retryDelayMs, type RetryOptions } from "./retry-policy";
export { serverDelayMs } from "./server-delay";
export { unwrap, type FetchResult } from "./unwrap";
export { anySignal, sleep } from "./abort";
export type { FetchFn } from "./redirects";
export type {
  BodySerializer,
  HeadersOptions,
  Middleware,
  MiddlewareCallbackParams,
  ParseAs,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";
