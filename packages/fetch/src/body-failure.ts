import { abortErrorFor } from "./abort";
import { ConnectionError, OpenRouterError } from "./errors";

/**
 * What the runtime throws while openapi-fetch reads a body, after the transport has returned
 * the headers: the caller's abort reason, or undici's `TypeError: terminated` for a cut
 * connection. Both become typed errors; neither is retried, the answer had started.
 */
export function typedBodyFailure(error: unknown, signal: AbortSignal | null | undefined): unknown {
  if (error instanceof OpenRouterError) return error;
  if (signal?.aborted) return abortErrorFor(signal);
  if (error instanceof TypeError && error.message === "terminated") {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? error.message;
    return new ConnectionError(`The connection broke while the response body was read: ${detail}`, {
      cause: error,
      retryable: false,
    });
  }
  return error;
}
