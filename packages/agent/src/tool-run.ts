import { AbortError, anySignal, type OpenRouterClient } from "@or/fetch";
import { streamChat, StreamStateError, type ChatCompletion } from "@or/stream";
import type { ChatMessages, ChatToolCall, ChatUsage } from "@or/types";
import { abortError, callTool, type CallContext } from "./call-tool";
import type { Tool } from "./define-tool";
import { MaxStepsError, RefusalError, refusalOf } from "./errors";
import {
  checkRunOptions,
  stepRequest,
  toolsByName,
  type CheckedRunOptions,
  type ToolRunOptions,
  type ToolRunRequest,
} from "./run-options";
import type { ToolRunEvent } from "./tool-run-events";
import type { ToolOutcome, ToolRunState, ToolRunStep } from "./tool-run-state";
import { addUsage } from "./usage";

/** The run each failed run's error belongs to (the error itself is not modified). */
const runOfError = new WeakMap<object, ToolRunState>();

/**
 * The run so far of an error a `ToolRun` rejected with (a stream error, an `AbortError`…):
 * its messages, steps and usage. `MaxStepsError` also has it as `run`.
 * @example
 * try { await run.finalText(); } catch (e) { console.log(toolRunStateOf(e)?.steps.length); }
 */
export function toolRunStateOf(error: unknown): ToolRunState | undefined {
  return typeof error === "object" && error !== null ? runOfError.get(error) : undefined;
}

/**
 * A tool loop in progress (see `runTools`). Iterate it for its events, or await `finalText()` /
 * `finalCompletion()`; it is consumed once, and starts when first consumed.
 */
export class ToolRun<T extends Tool = Tool>
  implements AsyncIterable<ToolRunEvent<T>>, ToolRunState
{
  readonly #client: OpenRouterClient;
  readonly #request: ToolRunRequest<T>;
  readonly #tools: Map<string, Tool>;
  readonly #options: CheckedRunOptions;
  readonly #controller = new AbortController();
  readonly #signal: AbortSignal;
  readonly #messages: ChatMessages[];
  readonly #steps: ToolRunStep[] = [];
  #usage: ChatUsage | undefined;
  #started = false;
  #finished = false;
  readonly #final: Promise<ChatCompletion>;
  #resolve!: (completion: ChatCompletion) => void;
  #reject!: (error: unknown) => void;

  constructor(client: OpenRouterClient, request: ToolRunRequest<T>, options: ToolRunOptions = {}) {
    if (typeof request !== "object" || request === null || !Array.isArray(request.messages)) {
      throw new TypeError("request must be a chat request with a messages array.");
    }
    this.#tools = toolsByName(request.tools);
    this.#options = checkRunOptions(options);
    this.#client = client;
    this.#request = request;
    this.#messages = [...request.messages];
    this.#signal = anySignal([options.signal, this.#controller.signal]);
    (this.#final = new Promise<ChatCompletion>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    })).catch(() => {}); // a failure goes to whoever asks; unasked, it is not unhandled
  }

  /** The whole conversation so far, the request's messages first: ready to send again. */
  get messages(): ChatMessages[] {
    return this.#messages;
  }

  /** The steps so far, each with its generation id, usage and finish reason. */
  get steps(): ToolRunStep[] {
    return this.#steps;
  }

  /** The usage of all steps so far, summed (cost included). */
  get usage(): ChatUsage | undefined {
    return this.#usage;
  }

  /** Events in order: `text`, `reasoning`, `toolCall`, `toolResult`, `stepFinish`. Once. */
  [Symbol.asyncIterator](): AsyncIterator<ToolRunEvent<T>> {
    this.#claim();
    return this.#run();
  }

  /** The last step's completion (the answer), running the loop if nobody iterates it. */
  finalCompletion(): Promise<ChatCompletion> {
    if (!this.#started) {
      queueMicrotask(() => this.#started || this.#drain());
    }
    return this.#final;
  }

  /** The text of the answer. */
  async finalText(): Promise<string> {
    const content = (await this.finalCompletion()).choices[0]?.message.content;
    return typeof content === "string" ? content : "";
  }

  /** Stops the run: the stream in flight and the running tools. It rejects with `AbortError`. */
  abort(reason?: unknown): void {
    this.#controller.abort(new AbortError("The tool run was aborted.", { cause: reason }));
  }

  #claim(): void {
    if (this.#started) throw new StreamStateError("A ToolRun is consumed once.");
    this.#started = true;
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this);
    } catch {
      // Reported through finalCompletion().
    }
  }

  async *#run(): AsyncGenerator<ToolRunEvent<T>, undefined> {
    try {
      for (let index = 0; ; index++) {
        const { completion, generationId } = yield* this.#stream(index);
        const refusal = refusalOf(completion);
        if (refusal !== undefined) throw new RefusalError(refusal, completion);
        const message = completion.choices[0]?.message;
        if (message) this.#messages.push(message as ChatMessages);
        const toolCalls = message?.tool_calls ?? [];
        for (const toolCall of toolCalls) yield { type: "toolCall", step: index, toolCall };
        const outcomes = await this.#callTools(toolCalls, index);
        for (const outcome of outcomes) {
          this.#messages.push({
            role: "tool",
            tool_call_id: outcome.toolCallId,
            content: outcome.content,
          });
          yield { type: "toolResult", step: index, ...outcome } as ToolRunEvent<T>;
        }
        const step = this.#record(index, generationId, completion, toolCalls, outcomes);
        await this.#options.onStep?.(step);
        yield { type: "stepFinish", step };
        if (toolCalls.length === 0) {
          this.#finish();
          this.#resolve(completion);
          return;
        }
        if (index + 1 >= this.#options.maxSteps) {
          throw new MaxStepsError(this.#options.maxSteps, this.#snapshot());
        }
      }
    } catch (error) {
      this.#fail(error);
      throw error;
    } finally {
      // The consumer left early (break): stop what still runs.
      if (!this.#finished) {
        this.#fail(new AbortError("The tool run was closed by its consumer before the end."));
      }
    }
  }

  /** One streamed completion: its text and reasoning as events, then the accumulated completion. */
  async *#stream(
    index: number,
  ): AsyncGenerator<ToolRunEvent<T>, { completion: ChatCompletion; generationId?: string }> {
    const body = stepRequest(
      this.#request,
      this.#tools,
      this.#messages,
      this.#options.parallelToolCalls,
    );
    const stream = await streamChat(this.#client, body, {
      signal: this.#signal,
      headers: this.#options.headers,
    });
    const completion = stream.finalCompletion();
    for await (const chunk of stream) {
      const delta = chunk.choices?.[0]?.delta;
      if (!delta) continue;
      if (typeof delta.content === "string" && delta.content !== "") {
        yield { type: "text", step: index, text: delta.content };
      }
      if (typeof delta.reasoning === "string" && delta.reasoning !== "") {
        yield { type: "reasoning", step: index, text: delta.reasoning };
      }
    }
    return { completion: await completion, generationId: stream.generationId };
  }

  /** Tool calls are taken from the accumulated completion, so each runs exactly once. */
  async #callTools(calls: ChatToolCall[], step: number): Promise<ToolOutcome[]> {
    const context: CallContext = {
      tools: this.#tools,
      signal: this.#signal,
      step,
      strict: this.#options.strictTools,
    };
    if (this.#signal.aborted) throw abortError(this.#signal);
    if (this.#options.parallelToolCalls) {
      return Promise.all(calls.map((call) => callTool(call, context)));
    }
    const outcomes: ToolOutcome[] = [];
    for (const call of calls) outcomes.push(await callTool(call, context));
    return outcomes;
  }

  #record(
    index: number,
    generationId: string | undefined,
    completion: ChatCompletion,
    toolCalls: ChatToolCall[],
    toolResults: ToolOutcome[],
  ): ToolRunStep {
    const step: ToolRunStep = {
      index,
      generationId: generationId ?? (completion.id || undefined),
      finishReason: completion.choices[0]?.finish_reason,
      usage: completion.usage,
      completion,
      toolCalls,
      toolResults,
    };
    this.#steps.push(step);
    if (completion.usage) this.#usage = addUsage(this.#usage, completion.usage);
    return step;
  }

  #snapshot(): ToolRunState {
    return { messages: [...this.#messages], steps: [...this.#steps], usage: this.#usage };
  }

  #finish(): void {
    this.#finished = true;
  }

  /** Ends the run on `error`: stops running tools and the stream, remembers the run so far. */
  #fail(error: unknown): void {
    if (this.#finished) return;
    this.#finish();
    if (typeof error === "object" && error !== null && !runOfError.has(error)) {
      runOfError.set(error, this.#snapshot());
    }
    this.#controller.abort(error);
    this.#reject(error);
  }
}
