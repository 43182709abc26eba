import type { SseItem } from "./fixture-format";
import type { LineEnding } from "./sse-writer";

/**
 * Turns a recorded event stream back into fixture items: events (data parsed as JSON when it is
 * an object or array, else kept as text), comments, and the line ending the stream used.
 * `retry:` lines and unknown fields carry nothing a fixture replays; they are reported in `ignored`.
 * @example
 * parseSse(': OPENROUTER PROCESSING\n\ndata: {"id":"gen-1"}\n\ndata: [DONE]\n\n').items;
 * // [{ comment: "OPENROUTER PROCESSING" }, { data: { id: "gen-1" } }, { data: "[DONE]" }]
 */
export function parseSse(text: string): {
  items: SseItem[];
  lineEnding: LineEnding;
  ignored: string[];
} {
  const items: SseItem[] = [];
  const ignored: string[] = [];
  let event: { data: string[]; event?: string; id?: string } | undefined;
  const dispatch = () => {
    if (event) items.push(toItem(event));
    event = undefined;
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === "") {
      dispatch();
      continue;
    }
    if (line.startsWith(":")) {
      items.push({ comment: line.slice(1).replace(/^ /, "") });
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    event ??= { data: [] };
    if (field === "data") event.data.push(value);
    else if (field === "event") event.event = value;
    else if (field === "id") event.id = value;
    else ignored.push(line);
  }
  dispatch();
  return { items, lineEnding: detectLineEnding(text), ignored };
}

function toItem(event: { data: string[]; event?: string; id?: string }): SseItem {
  const text = event.data.join("\n");
  return {
    ...(event.event !== undefined && { event: event.event }),
    ...(event.id !== undefined && { id: event.id }),
    data: parseStructured(text),
  };
}

/** JSON objects and arrays become values; anything else (`[DONE]`, numbers, text) stays text. */
function parseStructured(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function detectLineEnding(text: string): LineEnding {
  const match = /\r\n|\r|\n/.exec(text);
  return (match?.[0] as LineEnding | undefined) ?? "\n";
}
