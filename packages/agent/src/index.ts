/**
 * Tool loops and structured output on OpenRouter chat streams, with any Standard Schema library
 * (zod 4, valibot, arktype) or plain JSON Schema.
 * @packageDocumentation
 */
export {
  defineTool,
  type Tool,
  type ToolArguments,
  type ToolContext,
  type ToolDefinition,
} from "./define-tool";
export { runTools } from "./run-tools";
export { ToolRun, toolRunStateOf } from "./tool-run";
export type { ToolRunOptions, ToolRunRequest } from "./run-options";
export type {
  ReasoningEvent,
  StepFinishEvent,
  TextEvent,
  ToolCallEvent,
  ToolResultEvent,
  ToolRunEvent,
} from "./tool-run-events";
export type { ToolOutcome, ToolRunState, ToolRunStep } from "./tool-run-state";
export type { InferOutput, JsonSchema, Schema, StandardJsonSchema } from "./schema";
export {
  AgentError,
  MaxStepsError,
  ParseError,
  RefusalError,
  ToolArgumentsError,
  ToolCallError,
  ToolExecutionError,
  type ToolCallInfo,
} from "./errors";
export { parseChat, type ParsedChat } from "./parse-chat";
export { streamParsed, ParsedStream } from "./stream-parsed";
export type { ParseOptions, StructuredRequest } from "./structured-output";
export type { DeepPartial } from "./partial-json";
