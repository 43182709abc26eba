import type { ChatChoice, ChatResult, ChatStreamChunk, ChatToolCall, ChatUsage } from "@or/types";
import type { Accumulator } from "./protocol";

type ReasoningDetail = NonNullable<
  ChatStreamChunk["choices"][number]["delta"]["reasoning_details"]
>[number];

/** A chat completion assembled from stream chunks: `ChatResult` plus what chunks also carry. */
export type ChatCompletion = Omit<ChatResult, "choices"> & {
  /** The provider that served the request. */
  provider?: string;
  choices: (ChatChoice & { native_finish_reason?: string | null })[];
};

type Logprobs = NonNullable<ChatChoice["logprobs"]>;

interface ChoiceState {
  index: number;
  content: string | null;
  reasoning: string | null;
  refusal: string | null;
  reasoningDetails: ReasoningDetail[];
  /** `type:index` → the merged detail in `reasoningDetails`. */
  detailByIndex: Map<string, Record<string, unknown>>;
  toolCalls: Map<number, ChatToolCall>;
  finishReason: ChatChoice["finish_reason"];
  nativeFinishReason: string | null | undefined;
  logprobs: Logprobs | undefined;
  /** Unknown delta fields: they go on the message. */
  extra: Record<string, unknown>;
  /** Unknown choice fields: they go on the choice. */
  choiceExtra: Record<string, unknown>;
}

const DELTA_FIELDS = new Set([
  "role",
  "content",
  "reasoning",
  "reasoning_details",
  "tool_calls",
  "refusal",
]);
const CHOICE_FIELDS = new Set([
  "index",
  "delta",
  "finish_reason",
  "native_finish_reason",
  "logprobs",
]);
/** Reasoning detail fields that arrive in fragments; other fields are taken as they come. */
const DETAIL_TEXT_FIELDS = new Set(["text", "summary"]);

/**
 * Folds chat chunks into a completion: text, reasoning and tool-call argument fragments
 * concatenated per index, reasoning details merged per `type` and `index`, logprobs appended,
 * the last finish reason, and the usage of the final chunk. Fields it does not know are copied,
 * never dropped.
 */
export class ChatAccumulator implements Accumulator<ChatStreamChunk, ChatCompletion> {
  #top: Record<string, unknown> = {};
  #choices = new Map<number, ChoiceState>();
  #usage: ChatUsage | undefined;

  add(chunk: ChatStreamChunk): void {
    for (const key in chunk) {
      if (key !== "choices" && key !== "usage" && key !== "error")
        this.#top[key] = (chunk as Record<string, unknown>)[key];
    }
    if (chunk.usage) this.#usage = chunk.usage;
    for (const choice of chunk.choices ?? []) this.#addChoice(choice);
  }

  /** The tool calls of a choice so far (arguments may still be incomplete). */
  toolCalls(choiceIndex = 0): ChatToolCall[] {
    return [...(this.#choices.get(choiceIndex)?.toolCalls.values() ?? [])];
  }

  result(): ChatCompletion {
    const {
      id = "",
      created = 0,
      model = "",
      object: _object,
      ...rest
    } = this.#top as Record<string, any>;
    const choices = [...this.#choices.values()].sort((a, b) => a.index - b.index).map(toChoice);
    const completion: ChatCompletion = {
      ...rest,
      id,
      object: "chat.completion",
      created,
      model,
      system_fingerprint: rest.system_fingerprint ?? null,
      choices,
    };
    if (this.#usage) completion.usage = this.#usage;
    return completion;
  }

  #addChoice(choice: ChatStreamChunk["choices"][number]): void {
    let state = this.#choices.get(choice.index);
    if (!state) this.#choices.set(choice.index, (state = newChoice(choice.index)));
    const delta = choice.delta ?? {};
    if (typeof delta.content === "string") state.content = (state.content ?? "") + delta.content;
    if (typeof delta.reasoning === "string")
      state.reasoning = (state.reasoning ?? "") + delta.reasoning;
    if (typeof delta.refusal === "string") state.refusal = (state.refusal ?? "") + delta.refusal;
    for (const detail of delta.reasoning_details ?? []) addReasoningDetail(state, detail);
    for (const call of delta.tool_calls ?? []) addToolCall(state, call);
    for (const key in delta)
      if (!DELTA_FIELDS.has(key)) state.extra[key] = (delta as Record<string, unknown>)[key];
    if (choice.finish_reason != null) state.finishReason = choice.finish_reason;
    const native = (choice as { native_finish_reason?: string | null }).native_finish_reason;
    if (native != null) state.nativeFinishReason = native;
    if (choice.logprobs) state.logprobs = appendLogprobs(state.logprobs, choice.logprobs);
    for (const key in choice) {
      if (!CHOICE_FIELDS.has(key))
        state.choiceExtra[key] = (choice as Record<string, unknown>)[key];
    }
  }
}

function newChoice(index: number): ChoiceState {
  return {
    index,
    content: null,
    reasoning: null,
    refusal: null,
    reasoningDetails: [],
    detailByIndex: new Map(),
    toolCalls: new Map(),
    finishReason: null,
    nativeFinishReason: undefined,
    logprobs: undefined,
    extra: {},
    choiceExtra: {},
  };
}

/**
 * Reasoning blocks stream as several details with the same `type` and `index` (text in
 * fragments, the signature last): they are merged into one, as a non-streamed answer has it.
 */
function addReasoningDetail(state: ChoiceState, detail: ReasoningDetail): void {
  const fields = detail as Record<string, unknown>;
  if (typeof fields.index !== "number") {
    state.reasoningDetails.push({ ...detail });
    return;
  }
  const key = `${String(fields.type)}:${fields.index}`;
  const merged = state.detailByIndex.get(key);
  if (!merged) {
    const copy = { ...fields };
    state.detailByIndex.set(key, copy);
    state.reasoningDetails.push(copy as ReasoningDetail);
    return;
  }
  for (const name in fields) {
    const value = fields[name];
    if (DETAIL_TEXT_FIELDS.has(name) && typeof value === "string") {
      merged[name] = typeof merged[name] === "string" ? merged[name] + value : value;
    } else if (value !== undefined && value !== null && value !== "") {
      merged[name] = value;
    }
  }
}

/** Logprobs arrive per chunk: their token lists are appended. */
function appendLogprobs(current: Logprobs | undefined, next: Logprobs): Logprobs {
  if (!current) return { ...next, content: next.content ? [...next.content] : next.content };
  const joined: Logprobs = { ...current, ...next };
  joined.content =
    current.content || next.content ? [...(current.content ?? []), ...(next.content ?? [])] : null;
  if (current.refusal || next.refusal)
    joined.refusal = [...(current.refusal ?? []), ...(next.refusal ?? [])];
  return joined;
}

function addToolCall(
  state: ChoiceState,
  call: NonNullable<ChatStreamChunk["choices"][number]["delta"]["tool_calls"]>[number],
) {
  let current = state.toolCalls.get(call.index);
  if (!current) {
    current = { id: call.id ?? "", type: "function", function: { name: "", arguments: "" } };
    state.toolCalls.set(call.index, current);
  }
  if (call.id) current.id = call.id;
  if (call.type) current.type = call.type;
  if (call.function?.name && !current.function.name) current.function.name = call.function.name;
  if (call.function?.arguments) current.function.arguments += call.function.arguments;
}

function toChoice(state: ChoiceState): ChatCompletion["choices"][number] {
  const message: ChatChoice["message"] = {
    ...(state.extra as object),
    role: "assistant",
    content: state.content,
  };
  if (state.reasoning !== null) message.reasoning = state.reasoning;
  if (state.refusal !== null) message.refusal = state.refusal;
  if (state.reasoningDetails.length > 0)
    message.reasoning_details =
      state.reasoningDetails as ChatChoice["message"]["reasoning_details"];
  if (state.toolCalls.size > 0)
    message.tool_calls = [...state.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  const choice: ChatCompletion["choices"][number] = {
    ...(state.choiceExtra as object),
    index: state.index,
    message,
    finish_reason: state.finishReason,
  };
  if (state.nativeFinishReason !== undefined)
    choice.native_finish_reason = state.nativeFinishReason;
  if (state.logprobs !== undefined) choice.logprobs = state.logprobs;
  return choice;
}
