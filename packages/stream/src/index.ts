/**
 * Server-sent event streams of the OpenRouter API: chat completions, the Responses API, the
 * Messages API and image generation, with typed chunks, accumulation, cancellation and re-emission.
 * @packageDocumentation
 */
export { sseEvents, type SseEvent, type SseEventsOptions } from "./sse-events";
export { encodeSseComment, encodeSseEvent } from "./sse-encoding";
export { EventStream } from "./event-stream";
export type { StreamOptions } from "./stream-options";
export { ChatStream, streamChat } from "./chat-stream";
export { ChatAccumulator, type ChatCompletion } from "./chat-accumulator";
export { ResponsesStream, streamResponse } from "./responses-stream";
export { ResponsesAccumulator, outputText } from "./responses-accumulator";
export { MessagesStream, streamMessages } from "./messages-stream";
export { MessagesAccumulator } from "./messages-accumulator";
export { ImagesStream, streamImages } from "./images-stream";
export { ImagesAccumulator, type ImagesResult, type ImageStreamEvent } from "./images-accumulator";
export type { StreamRequestOptions } from "./post-stream";
export type { Accumulator, Protocol } from "./protocol";
export {
  PartialResultError,
  StreamConnectionError,
  StreamError,
  StreamIdleError,
  StreamParseError,
  StreamStateError,
  StreamTimeoutError,
  StreamTruncatedError,
  statusOfCode,
  type PartialInit,
} from "./errors";
