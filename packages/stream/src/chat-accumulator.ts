import type { ChatChoice, ChatResult, ChatStreamChunk, ChatToolCall } from "@or/types";
import { IndexedItems } from "./indexed-items";
import type { Accumulator } from "./protocol";
import { isRecord, listOf, malformedChunk, recordOf, setField, wireIndex } from "./wire-data";

/** A chat completion assembled from stream chunks: `ChatResult` plus what chunks also carry. */
export type ChatCompletion = Omit<ChatResult, "choices"> & {
  /** The provider that served the request. */
  provider?: string;
  choices: (ChatChoice & { native_finish_reason?: string | null })[];
};

type Fields = Record<string, any>;

/**
 * Folds chat chunks into a completion: text, reasoning and tool-call argument fragments
 * concatenated per index, reasoning details merged per `type` and `index`, logprobs appended,
 * the last finish reason, and the usage of the final chunk. Fields it does not know are copied,
 * never dropped.
 *
 * A choice or tool-call `index` must be a non-negative integer (one left out is 0); a chunk with
 * any other index, or a list or object field of the wrong kind, throws `StreamParseError`
 * carrying the completion so far.
 */
export class ChatAccumulator implements Accumulator<ChatStreamChunk, ChatCompletion> {
  #top: Fields = {};
  /**
   * Each choice as it is returned, unknown fields included, by choice index. Its
   * `message.tool_calls` holds the calls by tool-call index until the result is built.
   */
  #choices = new IndexedItems<Fields>();

  add(chunk: ChatStreamChunk): void {
    try {
      this.#add(chunk as Fields);
    } catch (error) {
      throw malformedChunk(error, this);
    }
  }

  /** The tool calls of a choice so far (arguments may still be incomplete). */
  toolCalls(choiceIndex = 0): ChatToolCall[] {
    return this.#choices.get(choiceIndex)?.message.tool_calls?.values() ?? [];
  }

  result(): ChatCompletion {
    return {
      // The fields a completion always has, until a chunk sends them.
      id: "",
      created: 0,
      model: "",
      system_fingerprint: null,
      ...this.#top,
      object: "chat.completion",
      choices: this.#choices.values().map(choiceOf),
    } as ChatCompletion;
  }

  #add(chunk: Fields): void {
    for (const key in chunk) {
      const value = chunk[key];
      if (key === "choices") {
        for (const choice of listOf(value, "choices")) this.#addChoice(recordOf(choice, "choice"));
      } else if (key === "usage") {
        // The usage comes with the last chunk; chunks without one keep it.
        if (value) this.#top.usage = value;
      } else if (key !== "error") {
        setField(this.#top, key, value);
      }
    }
  }

  #addChoice(chunkChoice: Fields): void {
    const index = wireIndex(chunkChoice.index, "choice index");
    let choice = this.#choices.get(index);
    if (!choice) {
      choice = { index, message: { role: "assistant", content: null }, finish_reason: null };
      this.#choices.set(index, choice);
    }
    for (const key in chunkChoice) {
      const value = chunkChoice[key];
      switch (key) {
        case "index":
        case "message": // ours, built from the deltas
          break;
        case "delta":
          if (value != null) addDelta(choice.message, recordOf(value, "delta"));
          break;
        case "finish_reason":
        case "native_finish_reason":
          // The last one sent: chunks without one keep it.
          if (value != null) choice[key] = value;
          break;
        case "logprobs":
          if (isRecord(value)) choice.logprobs = appendLogprobs(choice.logprobs, value);
          else if (value != null) choice.logprobs = value;
          break;
        default:
          setField(choice, key, value);
      }
    }
  }
}

function addDelta(message: Fields, delta: Fields): void {
  for (const key in delta) {
    const value = delta[key];
    switch (key) {
      case "role": // always the assistant
        break;
      case "content":
      case "reasoning":
      case "refusal":
        if (typeof value === "string") message[key] = (message[key] ?? "") + value;
        break;
      case "reasoning_details":
        for (const detail of listOf(value, "reasoning_details")) {
          addReasoningDetail(message, recordOf(detail, "reasoning detail"));
        }
        break;
      case "tool_calls":
        for (const call of listOf(value, "tool_calls")) {
          addToolCall(message, recordOf(call, "tool call"));
        }
        break;
      default:
        setField(message, key, value);
    }
  }
}

/**
 * Reasoning blocks stream as several details with the same `type` and `index` (text in
 * fragments, the signature last): they are merged into one, as a non-streamed answer has it.
 */
function addReasoningDetail(message: Fields, detail: Fields): void {
  const details: Fields[] = (message.reasoning_details ??= []);
  const merged =
    typeof detail.index === "number"
      ? details.find((d) => d.index === detail.index && d.type === detail.type)
      : undefined;
  if (!merged) {
    details.push({ ...detail });
    return;
  }
  for (const name in detail) {
    const value = detail[name];
    if ((name === "text" || name === "summary") && typeof value === "string") {
      merged[name] = typeof merged[name] === "string" ? merged[name] + value : value;
    } else if (value !== undefined && value !== null && value !== "") {
      setField(merged, name, value);
    }
  }
}

/** Only a call that comes creates `tool_calls`: a choice without any has none. */
function addToolCall(message: Fields, call: Fields): void {
  const calls: IndexedItems<ChatToolCall> = (message.tool_calls ??= new IndexedItems());
  const index = wireIndex(call.index, "tool call index");
  let current = calls.get(index);
  if (!current) {
    current = { id: "", type: "function", function: { name: "", arguments: "" } };
    calls.set(index, current);
  }
  const fn = isRecord(call.function) ? call.function : undefined;
  if (typeof call.id === "string" && call.id) current.id = call.id;
  if (typeof call.type === "string" && call.type) current.type = call.type as "function";
  if (typeof fn?.name === "string" && fn.name && !current.function.name) {
    current.function.name = fn.name;
  }
  if (typeof fn?.arguments === "string") current.function.arguments += fn.arguments;
}

/** Logprobs arrive per chunk: their token lists are appended, other fields replaced. */
function appendLogprobs(current: unknown, next: Fields): Fields {
  const joined: Fields = isRecord(current) ? { ...current } : {};
  for (const key in next) {
    const value = next[key];
    const before = Object.hasOwn(joined, key) ? joined[key] : undefined;
    const appended = Array.isArray(before) && (value == null || Array.isArray(value));
    setField(joined, key, appended ? [...before, ...(value ?? [])] : value);
  }
  return joined;
}

/** The choice as returned: a fresh choice, message and tool-call list (in index order, no holes). */
function choiceOf(choice: Fields): Fields {
  const message = { ...choice.message };
  if (message.tool_calls) message.tool_calls = message.tool_calls.values();
  return { ...choice, message };
}
