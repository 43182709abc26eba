import type { ChatChoice, ChatResult, ChatStreamChunk, ChatToolCall } from "@or/types";
import type { Accumulator } from "./protocol";

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
 */
export class ChatAccumulator implements Accumulator<ChatStreamChunk, ChatCompletion> {
  #top: Fields = {};
  /**
   * Each choice as it is returned, unknown fields included, by choice index (integer keys
   * enumerate in ascending order). Its `message.tool_calls` is indexed by tool-call index, with
   * holes until every call has come.
   */
  #choices: Record<number, Fields> = {};

  add(chunk: ChatStreamChunk): void {
    for (const key in chunk) {
      const value = (chunk as Fields)[key];
      if (key === "choices") {
        for (const choice of value ?? []) this.#addChoice(choice);
      } else if (key === "usage") {
        // The usage comes with the last chunk; chunks without one keep it.
        if (value) this.#top.usage = value;
      } else if (key !== "error") {
        this.#top[key] = value;
      }
    }
  }

  /** The tool calls of a choice so far (arguments may still be incomplete). */
  toolCalls(choiceIndex = 0): ChatToolCall[] {
    return Object.values(this.#choices[choiceIndex]?.message.tool_calls ?? {});
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
      choices: Object.values(this.#choices).map(choiceOf),
    } as ChatCompletion;
  }

  #addChoice(chunkChoice: Fields): void {
    const index = chunkChoice.index;
    const choice = (this.#choices[index] ??= {
      index,
      message: { role: "assistant", content: null },
      finish_reason: null,
    });
    for (const key in chunkChoice) {
      const value = chunkChoice[key];
      switch (key) {
        case "index":
        case "message": // ours, built from the deltas
          break;
        case "delta":
          addDelta(choice.message, value ?? {});
          break;
        case "finish_reason":
        case "native_finish_reason":
          // The last one sent: chunks without one keep it.
          if (value != null) choice[key] = value;
          break;
        case "logprobs":
          if (value) choice.logprobs = appendLogprobs(choice.logprobs, value);
          break;
        default:
          choice[key] = value;
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
        for (const detail of value ?? []) addReasoningDetail(message, detail);
        break;
      case "tool_calls":
        for (const call of value ?? []) addToolCall(message, call);
        break;
      default:
        message[key] = value;
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
      merged[name] = value;
    }
  }
}

/** Only a call that comes creates `tool_calls`: a choice without any has none. */
function addToolCall(message: Fields, call: Fields): void {
  const current: ChatToolCall = ((message.tool_calls ??= [])[call.index] ??= {
    id: "",
    type: "function",
    function: { name: "", arguments: "" },
  });
  const fn = call.function;
  if (call.id) current.id = call.id;
  if (call.type) current.type = call.type;
  if (fn?.name && !current.function.name) current.function.name = fn.name;
  if (fn?.arguments) current.function.arguments += fn.arguments;
}

/** Logprobs arrive per chunk: their token lists are appended, other fields replaced. */
function appendLogprobs(current: Fields = {}, next: Fields): Fields {
  const joined = { ...current };
  for (const key in next) {
    const value = next[key];
    joined[key] = Array.isArray(current[key]) ? [...current[key], ...(value ?? [])] : value;
  }
  return joined;
}

/** The choice as returned: a fresh choice, message and tool-call list (in index order, no holes). */
function choiceOf(choice: Fields): Fields {
  const message = { ...choice.message };
  if (message.tool_calls) message.tool_calls = Object.values(message.tool_calls);
  return { ...choice, message };
}
