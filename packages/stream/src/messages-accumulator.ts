import type { MessagesResult, MessagesStreamEvents } from "@or/types";
import { IndexedItems } from "./indexed-items";
import type { Accumulator } from "./protocol";
import {
  invalid,
  isRecord,
  listOf,
  malformedChunk,
  recordOf,
  setField,
  wireIndex,
} from "./wire-data";

type Block = Record<string, any>;

/**
 * Builds a Messages API result (Anthropic format) from its events: the message of
 * `message_start`, content blocks grown by their deltas (text, tool input JSON, thinking,
 * signatures, citations), and stop reason and usage from `message_delta`.
 *
 * A block `index` must be a non-negative integer; an event with any other, or whose message,
 * block or delta is not an object, throws `StreamParseError` carrying the message so far.
 */
export class MessagesAccumulator implements Accumulator<MessagesStreamEvents, MessagesResult> {
  #message: Record<string, any> = { type: "message", role: "assistant", content: [] };
  #blocks = new IndexedItems<Block>();
  /** Tool input JSON as it arrives, per block index; parsed when the block stops. */
  #partialJson = new Map<number, string>();

  add(event: MessagesStreamEvents): void {
    try {
      this.#add(event as Block);
    } catch (error) {
      throw malformedChunk(error, this);
    }
  }

  /** A content block as it stands (a tool input is parsed once its block has stopped). */
  block(index: number): Record<string, unknown> | undefined {
    return this.#blocks.get(index);
  }

  result(): MessagesResult {
    for (const index of this.#partialJson.keys()) this.#closeBlock(index);
    return { ...this.#message, content: this.#blocks.values() } as MessagesResult;
  }

  #add(e: Block): void {
    switch (e.type) {
      case "message_start": {
        const message = recordOf(e.message, "message");
        this.#message = { ...message };
        this.#blocks = new IndexedItems();
        this.#partialJson.clear();
        listOf(message.content, "message content").forEach((block, i) => {
          this.#blocks.set(i, structuredClone(recordOf(block, "content block")));
        });
        break;
      }
      case "content_block_start":
        this.#blocks.set(
          wireIndex(e.index, "block index"),
          structuredClone(recordOf(e.content_block, "content block")),
        );
        break;
      case "content_block_delta":
        this.#delta(wireIndex(e.index, "block index"), recordOf(e.delta ?? {}, "delta"));
        break;
      case "content_block_stop":
        this.#closeBlock(wireIndex(e.index, "block index"));
        break;
      case "message_delta":
        for (const [key, value] of Object.entries(recordOf(e.delta ?? {}, "delta"))) {
          setField(this.#message, key, value);
        }
        if (isRecord(e.usage)) this.#message.usage = { ...this.#message.usage, ...e.usage };
        break;
    }
  }

  #delta(index: number, delta: Block): void {
    let block = this.#blocks.get(index);
    if (!block) this.#blocks.set(index, (block = { type: "text", text: "" }));
    switch (delta.type) {
      case "text_delta":
        block.text = textOf(block.text) + textOf(delta.text);
        break;
      case "input_json_delta":
        this.#partialJson.set(
          index,
          (this.#partialJson.get(index) ?? "") + textOf(delta.partial_json),
        );
        break;
      case "thinking_delta":
        block.thinking = textOf(block.thinking) + textOf(delta.thinking);
        break;
      case "signature_delta":
        block.signature = textOf(block.signature) + textOf(delta.signature);
        break;
      case "citations_delta":
        append(block, "citations", delta.citation);
        break;
      default: {
        // Unknown delta kinds are kept, not dropped.
        const { type, ...rest } = delta;
        append(block, "unknown_deltas", { type, ...rest });
      }
    }
  }

  /** Tool input is JSON split across deltas: parse it once whole; keep the text if it is not. */
  #closeBlock(index: number): void {
    const json = this.#partialJson.get(index);
    if (json === undefined) return;
    this.#partialJson.delete(index);
    const block = this.#blocks.get(index);
    if (!block) return;
    try {
      block.input = json === "" ? {} : JSON.parse(json);
    } catch {
      block.input = {};
      block.partial_json = json;
    }
  }
}

const textOf = (value: unknown): string => (typeof value === "string" ? value : "");

/** Appends to a list field of a block, which a block from the wire may hold already. */
function append(block: Block, field: string, value: unknown): void {
  const list = block[field];
  if (list == null) block[field] = [value];
  else if (Array.isArray(list)) list.push(value);
  else throw invalid(`block ${field} is not a list`);
}
