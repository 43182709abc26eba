import type { SseItem } from "./fixture-format";

export type LineEnding = "\n" | "\r\n" | "\r";

/**
 * The wire text of one SSE item, blank line included. Objects are written as JSON, strings as
 * they are (a multi-line string becomes several `data:` lines); a comment becomes `: text`.
 * @example
 * encodeSseItem({ data: { id: "gen-1" } }); // 'data: {"id":"gen-1"}\n\n'
 * encodeSseItem({ comment: "OPENROUTER PROCESSING" }, "\r\n"); // ': OPENROUTER PROCESSING\r\n\r\n'
 */
export function encodeSseItem(item: SseItem, lineEnding: LineEnding = "\n"): string {
  const lines: string[] = [];
  if ("comment" in item) {
    for (const line of splitLines(item.comment)) lines.push(line === "" ? ":" : `: ${line}`);
  } else {
    if (item.event !== undefined) lines.push(`event: ${item.event}`);
    if (item.id !== undefined) lines.push(`id: ${item.id}`);
    for (const line of splitLines(dataText(item.data))) lines.push(`data: ${line}`);
  }
  return lines.join(lineEnding) + lineEnding + lineEnding;
}

/** The text of an item's data: strings raw, everything else as JSON. */
export function dataText(data: unknown): string {
  return typeof data === "string" ? data : JSON.stringify(data);
}

/**
 * The item with its data replaced by text that is never valid JSON: an object or array loses its
 * closing bracket; anything else is wrapped in an object that is never closed.
 */
export function malformedItem(item: SseItem): SseItem {
  if ("comment" in item) {
    return item.delayMs === undefined
      ? { data: '{"malformed":' }
      : { data: '{"malformed":', delayMs: item.delayMs };
  }
  const text = dataText(item.data);
  const broken =
    item.data !== null && typeof item.data === "object"
      ? text.slice(0, -1)
      : `{"malformed":${JSON.stringify(text)}`;
  return { ...item, data: broken };
}

/**
 * One event whose `data:` line is exactly `bytes` bytes long (line ending excluded): a JSON
 * object `{"padding":"xxx…"}` when there is room for one, else `data: xxx…` cut to size.
 */
export function oversizedEvent(bytes: number, lineEnding: LineEnding = "\n"): string {
  const wrapper = 'data: {"padding":""}'.length;
  const line =
    bytes >= wrapper
      ? `data: {"padding":"${"x".repeat(bytes - wrapper)}"}`
      : `data: ${"x".repeat(Math.max(0, bytes - 6))}`.slice(0, Math.max(bytes, 0));
  return line + lineEnding + lineEnding;
}

/** Whether an item is the end-of-stream sentinel `data: [DONE]`. */
export const isDone = (item: SseItem) => "data" in item && item.data === "[DONE]";

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
