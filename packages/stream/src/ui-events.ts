import type { Emit } from "./protocol";

/** The UI events a stream emits itself: a chunk's `type` must never pass for one of them. */
const OWN_EVENTS = new Set([
  "chunk",
  "content",
  "reasoning",
  "toolCallDelta",
  "toolCallDone",
  "comment",
  "done",
  "error",
  "warning",
]);

/**
 * Emits an event under its own `type` (`response.completed`, `content_block_stop`…). A type
 * that is not a string, or that names one of the stream's own events (a chunk typed `"done"` or
 * `"toolCallDone"` would otherwise reach listeners as the final object or a tool call to run),
 * is not emitted: the event still comes as a `chunk`.
 */
export function emitByType(emit: Emit, event: { type?: unknown }): void {
  const { type } = event;
  if (typeof type === "string" && !OWN_EVENTS.has(type)) emit(type, event);
}
