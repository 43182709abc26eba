import { abortErrorFor } from "./abort";
import { ConnectionError, failureDetail, OpenRouterError } from "./errors";

/**
 * What the runtime throws while openapi-fetch reads a body, after the transport has returned
 * the headers: the caller's abort reason, or undici's `TypeError: terminated` for a cut
 * connection. Both become typed errors; neither is retried, the answer had started.
 */
export function typedBodyFailure(error: unknown, signal: AbortSignal | null | undefined): unknown {
  if (error instanceof OpenRouterError) return error;
  if (signal?.aborted) return abortErrorFor(signal);
  if (error instanceof TypeError && error.message === "terminated") {
    return new ConnectionError(
      `The connection broke while the response body was read: ${failureDetail(error)}`,
      { cause: error, retryable: false, delivery: "answered" },
    );
  }
  return error;
}
