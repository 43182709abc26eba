import { StreamStateError } from "./errors";

/** The body of a streaming response, or a clear error when there is none. */
export function bodyOf(response: Response): ReadableStream<Uint8Array> {
  if (!response.body) throw new StreamStateError(`The response (status ${response.status}) has no body to stream.`);
  if (response.bodyUsed) throw new StreamStateError("The response body was already read.");
  return response.body;
}
