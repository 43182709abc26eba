import type { SseEvent } from "./sse-events";

/** One event in SSE framing: `event:`/`id:` when set, a `data:` line per data line, a blank line. */
export function encodeSseEvent(event: SseEvent): string {
  let out = "";
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  for (const line of event.data.split("\n")) out += `data: ${line}\n`;
  return out + "\n";
}

/** A comment line, e.g. a keep-alive. */
export function encodeSseComment(comment: string): string {
  return `: ${comment}\n\n`;
}
