import type { ChatCompletion } from "@or/stream";
import type { ChatMessages, ChatToolCall, ChatUsage } from "@or/types";
import type { ToolArgumentsError, ToolExecutionError } from "./errors";

/** What one tool call gave: its result, or the error sent to the model in its place. */
export interface ToolOutcome {
  toolCallId: string;
  toolName: string;
  /** The validated arguments (absent when they were invalid). */
  args?: unknown;
  /** What `execute` returned. */
  result?: unknown;
  /** Why there is no result. */
  error?: ToolArgumentsError | ToolExecutionError;
  /** The `tool` message's content: the result as text, or the error as the model reads it. */
  content: string;
}

/** One step of a run: one streamed chat completion and the tool calls it asked for. */
export interface ToolRunStep {
  /** 0-based. */
  index: number;
  /** `X-Generation-Id` of the step's request. */
  generationId: string | undefined;
  finishReason: string | null | undefined;
  usage: ChatUsage | undefined;
  completion: ChatCompletion;
  toolCalls: ChatToolCall[];
  toolResults: ToolOutcome[];
}

/** A run so far: what `MaxStepsError` and failed runs carry. */
export interface ToolRunState {
  /** The whole conversation (the request's messages first), ready to send again. */
  readonly messages: ChatMessages[];
  readonly steps: ToolRunStep[];
  /** Summed over the steps, cost included. */
  readonly usage: ChatUsage | undefined;
}
