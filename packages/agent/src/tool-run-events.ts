import type { ChatToolCall } from "@or/types";
import type { Tool, ToolArguments } from "./define-tool";
import type { ToolOutcome, ToolRunStep } from "./tool-run-state";

/** Visible text as it streams, in step `step`. */
export interface TextEvent {
  type: "text";
  step: number;
  text: string;
}

/** Reasoning text as it streams. */
export interface ReasoningEvent {
  type: "reasoning";
  step: number;
  text: string;
}

/** A tool call the model asked for, from the step's accumulated completion (once per call). */
export interface ToolCallEvent {
  type: "toolCall";
  step: number;
  toolCall: ChatToolCall;
}

/** The outcome of a call of tool `T`: typed arguments and result, or the error sent instead. */
export type ToolResultEvent<T extends Tool = Tool> =
  T extends Tool<infer Name, infer S, infer Result>
    ? Omit<ToolOutcome, "toolName" | "args" | "result"> & {
        type: "toolResult";
        step: number;
        toolName: Name;
        args?: ToolArguments<S>;
        result?: Awaited<Result>;
      }
    : never;

/** A step finished: its completion was read and its tool calls (if any) answered. */
export interface StepFinishEvent {
  type: "stepFinish";
  step: ToolRunStep;
}

/** What iterating a `ToolRun` gives, in order. */
export type ToolRunEvent<T extends Tool = Tool> =
  | TextEvent
  | ReasoningEvent
  | ToolCallEvent
  | ToolResultEvent<T>
  | StepFinishEvent;
