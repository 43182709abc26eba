import type { OpenResponsesResult, StreamEvents } from "@or/types";
import type { Accumulator } from "./protocol";

type Item = Record<string, any>;

/**
 * Builds a Responses API result from its events. `response.completed` (or `.incomplete`,
 * `.failed`) carries the whole response and wins; until then the output is assembled from the
 * item and delta events, so a partial result is available on errors.
 */
export class ResponsesAccumulator implements Accumulator<StreamEvents, OpenResponsesResult> {
  #response: Record<string, any> = {};
  #output: Item[] = [];
  #final: OpenResponsesResult | undefined;

  add(event: StreamEvents): void {
    const e = event as Record<string, any>;
    switch (e.type) {
      case "response.created":
      case "response.in_progress":
        this.#response = { ...e.response };
        break;
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        this.#final = e.response;
        break;
      case "response.output_item.added":
      case "response.output_item.done":
        this.#output[e.output_index] = structuredClone(e.item);
        break;
      case "response.content_part.added":
      case "response.content_part.done":
        this.#content(e.output_index)[e.content_index] = structuredClone(e.part);
        break;
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
        const item = (this.#output[e.output_index] ??= { type: "function_call", arguments: "" });
        item.arguments = (item.arguments ?? "") + e.delta;
        break;
      }
    }
  }

  result(): OpenResponsesResult {
    if (this.#final) return this.#final;
    return { ...this.#response, output: this.#output.filter(Boolean) } as OpenResponsesResult;
  }

  #content(outputIndex: number): Item[] {
    const item = (this.#output[outputIndex] ??= { type: "message", content: [] });
    return (item.content ??= []);
  }

  #appendText(e: Record<string, any>, field: string, partType = "output_text"): void {
    const parts = this.#content(e.output_index);
    const part = (parts[e.content_index] ??= { type: partType, [field]: "" });
    part[field] = (part[field] ?? "") + e.delta;
  }
}

/** The visible text of a response: the `output_text` parts of its messages, joined. */
export function outputText(response: OpenResponsesResult): string {
  let text = "";
  for (const item of (response.output ?? []) as Item[]) {
    if (item?.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (part?.type === "output_text") text += part.text ?? "";
  }
  return text;
}
