import { AbortError, type OpenRouterClient } from "@or/fetch";
import { streamChat, StreamStateError, type ChatCompletion, type ChatStream } from "@or/stream";
import type { ChatMessages, ChatStreamChunk, ChatToolCall, ChatUsage } from "@or/types";
import { callTool, type CallContext } from "./call-tool";
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
import { abortError, untilAborted } from "./until-aborted";
import { addUsage } from "./usage";

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

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
  /** The answer came: nothing more to read but the queue. */
  #finished = false;
  /** Why the run failed (boxed: any value can be thrown). */
  #error: { reason: unknown } | undefined;
  /** The step being read. */
  #index = 0;
  #stream: ChatStream | undefined;
  #chunks: AsyncIterator<ChatStreamChunk> | undefined;
  /** Events of a step's end, served before anything else; `#queued` of them already were. */
  readonly #queue: ToolRunEvent<T>[] = [];
  #queued = 0;
  /** Removes the listener on the caller's signal. */
  #detach: (() => void) | undefined;
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
    // Listeners rather than `AbortSignal.any` (about 0.1 ms a call on Node 20). The caller's
    // signal aborts the run's controller (the listener goes when the run ends, so a long-lived
    // signal does not keep runs alive); the controller aborts the tools and the stream in flight.
    const { signal } = options;
    if (signal?.aborted) this.#controller.abort(signal.reason);
    else if (signal) {
      const onAbort = () => this.#controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#detach = () => signal.removeEventListener("abort", onAbort);
    }
    this.#signal = this.#controller.signal;
    this.#signal.addEventListener("abort", () => this.#stream?.abort(this.#signal.reason), {
      once: true,
    });
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
    return { next: () => this.#next(), return: () => this.#return() };
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

  /**
   * The next event. A hand-written iterator rather than async generators: while a step streams,
   * an event costs the stream's own promise and one more (a generator per layer cost several,
   * which showed in the per-step bench). Events of a step's end are queued.
   */
  #next(): Promise<IteratorResult<ToolRunEvent<T>, undefined>> {
    if (this.#queued < this.#queue.length) {
      return Promise.resolve({ value: this.#queue[this.#queued++]!, done: false });
    }
    if (this.#error !== undefined) return Promise.reject(this.#error.reason);
    if (this.#finished) return Promise.resolve(DONE);
    if (this.#chunks) return this.#chunks.next().then(this.#onChunk, this.#onFailure);
    return this.#advance();
  }

  readonly #onChunk = (
    result: IteratorResult<ChatStreamChunk>,
  ): Promise<IteratorResult<ToolRunEvent<T>, undefined>> | IteratorResult<ToolRunEvent<T>> => {
    if (result.done) {
      this.#chunks = undefined; // the step's end comes next
      return this.#next();
    }
    const delta = result.value.choices?.[0]?.delta;
    const step = this.#index;
    const text = delta?.content;
    const reasoning = delta?.reasoning;
    const hasText = typeof text === "string" && text !== "";
    const hasReasoning = typeof reasoning === "string" && reasoning !== "";
    // A chunk with both: its reasoning first, its text queued after it.
    if (hasReasoning) {
      if (hasText) this.#enqueue({ type: "text", step, text });
      return { value: { type: "reasoning", step, text: reasoning }, done: false };
    }
    if (hasText) return { value: { type: "text", step, text }, done: false };
    return this.#next();
  };

  readonly #onFailure = (error: unknown): Promise<IteratorResult<ToolRunEvent<T>, undefined>> => {
    this.#fail(error);
    return this.#next();
  };

  /** Opens the next step's stream, or ends the step whose stream was read. */
  async #advance(): Promise<IteratorResult<ToolRunEvent<T>, undefined>> {
    try {
      if (this.#stream) await this.#endStep(this.#stream);
      else await this.#openStep();
    } catch (error) {
      this.#fail(error);
    }
    return this.#next();
  }

  async #openStep(): Promise<void> {
    const body = stepRequest(
      this.#request,
      this.#tools,
      this.#messages,
      this.#options.parallelToolCalls,
    );
    // The caller's signal cancels the request while its headers are awaited; after that the
    // run's controller aborts the stream. A run aborted otherwise (abort(), a failure) rejects
    // at once, and the stream is stopped when it arrives.
    const pending = streamChat(this.#client, body, {
      signal: this.#options.signal,
      headers: this.#options.headers,
      accumulate: true,
    });
    const stream = await untilAborted(pending, this.#signal).catch((error: unknown) => {
      pending.then(
        (late) => late.abort(this.#signal.reason),
        () => {},
      );
      throw error;
    });
    this.#stream = stream;
    this.#chunks = stream[Symbol.asyncIterator]();
  }

  /** The step's completion: its tool calls run, their results queued, the loop goes on or ends. */
  async #endStep(stream: ChatStream): Promise<void> {
    this.#stream = undefined;
    const index = this.#index;
    const completion = await stream.finalCompletion();
    const refusal = refusalOf(completion);
    if (refusal !== undefined) throw new RefusalError(refusal, completion);
    const message = completion.choices[0]?.message;
    if (message) this.#messages.push(message as ChatMessages);
    const toolCalls = message?.tool_calls ?? [];
    for (const toolCall of toolCalls) this.#enqueue({ type: "toolCall", step: index, toolCall });
    const outcomes = await this.#callTools(toolCalls, index);
    for (const outcome of outcomes) {
      this.#messages.push({
        role: "tool",
        tool_call_id: outcome.toolCallId,
        content: outcome.content,
      });
      this.#enqueue({ type: "toolResult", step: index, ...outcome } as ToolRunEvent<T>);
    }
    const step = this.#record(index, stream.generationId, completion, toolCalls, outcomes);
    await this.#options.onStep?.(step);
    this.#enqueue({ type: "stepFinish", step });
    if (toolCalls.length === 0) {
      this.#finished = true;
      this.#detach?.();
      this.#resolve(completion);
    } else if (index + 1 >= this.#options.maxSteps) {
      throw new MaxStepsError(this.#options.maxSteps, this.#snapshot());
    }
    this.#index = index + 1;
  }

  #enqueue(event: ToolRunEvent<T>): void {
    // Served events are dropped first, so the queue holds one step's end at most.
    if (this.#queued === this.#queue.length) {
      this.#queue.length = 0;
      this.#queued = 0;
    }
    this.#queue.push(event);
  }

  /** The consumer left early (break): stop what still runs. */
  #return(): Promise<IteratorReturnResult<undefined>> {
    if (!this.#finished && this.#error === undefined) {
      this.#fail(new AbortError("The tool run was closed by its consumer before the end."));
    }
    void this.#chunks?.return?.();
    this.#chunks = undefined;
    return Promise.resolve(DONE);
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

  /** Ends the run on `error`: stops running tools and the stream, remembers the run so far. */
  #fail(error: unknown): void {
    if (this.#finished || this.#error) return;
    this.#error = { reason: error };
    this.#detach?.();
    if (typeof error === "object" && error !== null && !runOfError.has(error)) {
      runOfError.set(error, this.#snapshot());
    }
    this.#controller.abort(error);
    this.#reject(error);
  }
}
