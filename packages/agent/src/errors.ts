import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ChatCompletion } from "@or/stream";
import type { ToolRunState } from "./tool-run-state";

/** The base of the errors of `@or/agent`. */
export abstract class AgentError extends Error {}

/** What identifies a tool call in the errors about it. */
export interface ToolCallInfo {
  /** The tool's name as the model wrote it. */
  toolName: string;
  toolCallId: string;
  /** The arguments as the model wrote them (JSON text, maybe invalid). */
  rawArguments: string;
}

/** The base of the errors about one tool call: which call, and what the model sent. */
export abstract class ToolCallError extends AgentError implements ToolCallInfo {
  readonly toolName: string;
  readonly toolCallId: string;
  readonly rawArguments: string;
  constructor(message: string, call: ToolCallInfo, cause: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.toolName = call.toolName;
    this.toolCallId = call.toolCallId;
    this.rawArguments = call.rawArguments;
  }
}

/**
 * The model called a tool with arguments that are not JSON, fail the tool's schema, or named a
 * tool that does not exist. Sent back to the model as a tool error by default; thrown with
 * `strictTools: true`.
 */
export class ToolArgumentsError extends ToolCallError {
  override name = "ToolArgumentsError";
  /** The schema's issues, when the arguments were JSON that failed it. */
  readonly issues: readonly StandardSchemaV1.Issue[] | undefined;
  constructor(
    message: string,
    call: ToolCallInfo,
    init: { issues?: readonly StandardSchemaV1.Issue[]; cause?: unknown } = {},
  ) {
    super(message, call, init.cause);
    this.issues = init.issues;
  }
}

/** A tool's `execute` threw (the error is the `cause`), or its result could not be sent as JSON. */
export class ToolExecutionError extends ToolCallError {
  override name = "ToolExecutionError";
}

/** The model still called tools after `maxSteps` steps. `run` holds the conversation so far. */
export class MaxStepsError extends AgentError {
  override name = "MaxStepsError";
  readonly run: ToolRunState;
  constructor(maxSteps: number, run: ToolRunState) {
    super(`The model still called tools after maxSteps (${maxSteps}) steps.`);
    this.run = run;
  }
}

/**
 * The answer is not the structured output asked for: `text` is what the model wrote; `cause` the
 * `SyntaxError` of invalid JSON, or `issues` the schema's objections.
 */
export class ParseError extends AgentError {
  override name = "ParseError";
  readonly text: string;
  readonly issues: readonly StandardSchemaV1.Issue[] | undefined;
  readonly completion: ChatCompletion | undefined;
  constructor(
    message: string,
    init: {
      text: string;
      issues?: readonly StandardSchemaV1.Issue[];
      cause?: unknown;
      completion?: ChatCompletion;
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.text = init.text;
    this.issues = init.issues;
    this.completion = init.completion;
  }
}

/** The model refused to answer; `refusal` is what it said, `completion` the whole answer. */
export class RefusalError extends AgentError {
  override name = "RefusalError";
  readonly refusal: string;
  readonly completion: ChatCompletion;
  constructor(refusal: string, completion: ChatCompletion) {
    super(`The model refused: ${refusal}`);
    this.refusal = refusal;
    this.completion = completion;
  }
}

/** The model's refusal in a completion, if it refused. */
export function refusalOf(completion: ChatCompletion): string | undefined {
  const refusal = completion.choices[0]?.message.refusal;
  return typeof refusal === "string" && refusal !== "" ? refusal : undefined;
}
