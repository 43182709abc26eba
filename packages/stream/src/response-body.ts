import { errorFromResponse } from "@or/fetch";
import { StreamStateError } from "./errors";

/**
 * The body of a streaming response, or a clear error when there is none. An error answer
 * (4xx/5xx) gives a body that fails with the typed HTTP error (`PaymentRequiredError`…) on the
 * first read, rather than a stream that looks cut off.
 */
export function bodyOf(response: Response): ReadableStream<Uint8Array> {
  if (!response.body)
    throw new StreamStateError(`The response (status ${response.status}) has no body to stream.`);
  if (response.bodyUsed) throw new StreamStateError("The response body was already read.");
  return response.ok ? response.body : failingBody(response);
}

function failingBody(response: Response): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A body that is not JSON (an HTML error page): the status says enough.
      const body: unknown = await response.json().catch(() => undefined);
      controller.error(errorFromResponse(response, body));
    },
  });
}
