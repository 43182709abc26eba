import type { SseEvent } from "./sse-events";

/** One event in SSE framing: `event:`/`id:` when set, a `data:` line per data line, a blank line. */
export function encodeSseEvent({ event, id, data }: SseEvent): string {
  let out = "";
  if (event !== undefined) out += `event: ${event}\n`;
  if (id !== undefined) out += `id: ${id}\n`;
  return `${out}data: ${data.replaceAll("\n", "\ndata: ")}\n\n`;
}

/** A comment line, e.g. a keep-alive. */
export function encodeSseComment(comment: string): string {
  return `: ${comment}\n\n`;
}
