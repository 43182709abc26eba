import type { MessagesResult, MessagesStreamEvents } from "@or/types";
import type { Accumulator } from "./protocol";

type Block = Record<string, any>;

/**
 * Builds a Messages API result (Anthropic format) from its events: the message of
 * `message_start`, content blocks grown by their deltas (text, tool input JSON, thinking,
 * signatures, citations), and stop reason and usage from `message_delta`.
 */
export class MessagesAccumulator implements Accumulator<MessagesStreamEvents, MessagesResult> {
  #message: Record<string, any> = { type: "message", role: "assistant", content: [] };
  #blocks: Block[] = [];
  /** Tool input JSON as it arrives, per block index; parsed when the block stops. */
  #partialJson = new Map<number, string>();

  add(event: MessagesStreamEvents): void {
    const e = event as Record<string, any>;
    switch (e.type) {
      case "message_start":
        this.#message = { ...e.message };
        this.#blocks = [...(e.message?.content ?? [])];
        break;
      case "content_block_start":
        this.#blocks[e.index] = structuredClone(e.content_block);
        break;
      case "content_block_delta":
        this.#delta(e.index, e.delta ?? {});
        break;
      case "content_block_stop":
        this.#closeBlock(e.index);
        break;
      case "message_delta":
        Object.assign(this.#message, e.delta);
        this.#message.usage = { ...this.#message.usage, ...e.usage };
        break;
    }
  }

  /** A content block as it stands (a tool input is parsed once its block has stopped). */
  block(index: number): Record<string, unknown> | undefined {
    return this.#blocks[index];
  }

  result(): MessagesResult {
    for (const index of this.#partialJson.keys()) this.#closeBlock(index);
    return { ...this.#message, content: this.#blocks.filter(Boolean) } as MessagesResult;
  }

  #delta(index: number, delta: Record<string, any>): void {
    const block = (this.#blocks[index] ??= { type: "text", text: "" });
    switch (delta.type) {
      case "text_delta":
        block.text = (block.text ?? "") + delta.text;
        break;
      case "input_json_delta":
        this.#partialJson.set(index, (this.#partialJson.get(index) ?? "") + delta.partial_json);
        break;
      case "thinking_delta":
        block.thinking = (block.thinking ?? "") + delta.thinking;
        break;
      case "signature_delta":
        block.signature = (block.signature ?? "") + delta.signature;
        break;
      case "citations_delta":
        (block.citations ??= []).push(delta.citation);
        break;
      default: {
        // Unknown delta kinds are kept, not dropped.
        const { type, ...rest } = delta;
        (block.unknown_deltas ??= []).push({ type, ...rest });
      }
    }
  }

  /** Tool input is JSON split across deltas: parse it once whole; keep the text if it is not. */
  #closeBlock(index: number): void {
    const json = this.#partialJson.get(index);
    if (json === undefined) return;
    this.#partialJson.delete(index);
    const block = this.#blocks[index]!;
    try {
      block.input = json === "" ? {} : JSON.parse(json);
    } catch {
      block.input = {};
      block.partial_json = json;
    }
  }
}
