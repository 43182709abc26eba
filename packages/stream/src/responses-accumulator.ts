import type { OpenResponsesResult, StreamEvents } from "@or/types";
import { IndexedItems } from "./indexed-items";
import type { Accumulator } from "./protocol";
import { listOf, malformedChunk, recordOf, wireIndex } from "./wire-data";

type Item = Record<string, any>;

/** An output item, and its content parts by index once an event has addressed one. */
interface Slot {
  item: Item;
  parts: IndexedItems<Item> | undefined;
}

/**
 * Builds a Responses API result from its events. `response.completed` (or `.incomplete`,
 * `.failed`) carries the whole response and wins; until then the output is assembled from the
 * item and delta events, so a partial result is available on errors.
 *
 * `output_index` and `content_index` must be non-negative integers; an event with any other, or
 * whose `response`, `item` or `part` is not an object, throws `StreamParseError` carrying the
 * response so far.
 */
export class ResponsesAccumulator implements Accumulator<StreamEvents, OpenResponsesResult> {
  #response: Record<string, any> = {};
  #output = new IndexedItems<Slot>();
  #final: OpenResponsesResult | undefined;

  add(event: StreamEvents): void {
    try {
      this.#add(event as Item);
    } catch (error) {
      throw malformedChunk(error, this);
    }
  }

  result(): OpenResponsesResult {
    if (this.#final) return this.#final;
    return { ...this.#response, output: this.#output.values().map(itemOf) } as OpenResponsesResult;
  }

  #add(e: Item): void {
    switch (e.type) {
      case "response.created":
      case "response.in_progress":
        this.#response = { ...recordOf(e.response, "response") };
        break;
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        this.#final = recordOf(e.response, "response") as OpenResponsesResult;
        break;
      case "response.output_item.added":
      case "response.output_item.done": {
        const item = structuredClone(recordOf(e.item, "item"));
        this.#output.set(wireIndex(e.output_index, "output_index"), { item, parts: undefined });
        break;
      }
      case "response.content_part.added":
      case "response.content_part.done": {
        const part = structuredClone(recordOf(e.part, "part"));
        this.#parts(e).set(wireIndex(e.content_index, "content_index"), part);
        break;
      }
      case "response.output_text.delta":
        this.#appendText(e, "text");
        break;
      case "response.reasoning_text.delta":
        this.#appendText(e, "text", "reasoning_text");
        break;
      case "response.refusal.delta":
        this.#appendText(e, "refusal", "refusal");
        break;
      case "response.function_call_arguments.delta": {
        const item = this.#slot(e, "function_call").item;
        if (typeof e.delta === "string") item.arguments = textOf(item.arguments) + e.delta;
        break;
      }
    }
  }

  /** The output item the event addresses, created (of `type`) if no event has sent it yet. */
  #slot(e: Item, type: string): Slot {
    const index = wireIndex(e.output_index, "output_index");
    let slot = this.#output.get(index);
    if (!slot) {
      const item = type === "message" ? { type, content: [] } : { type, arguments: "" };
      this.#output.set(index, (slot = { item, parts: undefined }));
    }
    return slot;
  }

  /** The content parts of the message the event addresses, its own `content` first. */
  #parts(e: Item): IndexedItems<Item> {
    const slot = this.#slot(e, "message");
    return (slot.parts ??= partsOf(slot.item));
  }

  #appendText(e: Item, field: string, partType = "output_text"): void {
    const parts = this.#parts(e);
    const index = wireIndex(e.content_index, "content_index");
    let part = parts.get(index);
    if (!part) parts.set(index, (part = { type: partType, [field]: "" }));
    if (typeof e.delta === "string") part[field] = textOf(part[field]) + e.delta;
  }
}

function partsOf(item: Item): IndexedItems<Item> {
  const parts = new IndexedItems<Item>();
  listOf(item.content, "item content").forEach((part, i) => {
    parts.set(i, recordOf(part, "content part"));
  });
  return parts;
}

function itemOf({ item, parts }: Slot): Item {
  return parts ? { ...item, content: parts.values() } : item;
}

const textOf = (value: unknown): string => (typeof value === "string" ? value : "");

/** The visible text of a response: the `output_text` parts of its messages, joined. */
export function outputText(response: OpenResponsesResult): string {
  let text = "";
  const output: unknown = response?.output;
  for (const item of Array.isArray(output) ? (output as Item[]) : []) {
    if (item?.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (part?.type === "output_text" && typeof part.text === "string") text += part.text;
    }
  }
  return text;
}
