import type { ChatToolCall } from "@or/types";
import type { Tool } from "./define-tool";
import { ToolArgumentsError, ToolExecutionError, type ToolCallInfo } from "./errors";
import { formatIssues, validateWith } from "./schema";
import { abortError, untilAborted } from "./until-aborted";
import type { ToolOutcome } from "./tool-run-state";

/** What calling a tool needs besides the call. */
export interface CallContext {
  /** Tools by name (a Map: names come from the wire). */
  tools: ReadonlyMap<string, Tool>;
  signal: AbortSignal;
  step: number;
  /** Throw argument and execution errors instead of sending them to the model. */
  strict: boolean;
}

/**
 * Runs one tool call: parses and validates its arguments, executes it, and turns the result (or
 * the error) into the `tool` message's content. Rejects only on abort, or in strict mode.
 */
export async function callTool(call: ChatToolCall, context: CallContext): Promise<ToolOutcome> {
  const info: ToolCallInfo = {
    toolName: call.function.name,
    toolCallId: call.id,
    rawArguments: call.function.arguments,
  };
  const failed = (error: ToolArgumentsError | ToolExecutionError): ToolOutcome => {
    if (context.strict) throw error;
    return { ...outcomeBase(info), error, content: `Error: ${error.message}` };
  };
  const tool = context.tools.get(info.toolName);
  if (!tool) {
    const names = [...context.tools.keys()].join(", ");
    return failed(
      new ToolArgumentsError(`No tool named "${info.toolName}" (tools: ${names}).`, info),
    );
  }
  const parsed = await argumentsOf(tool, info);
  if (parsed instanceof ToolArgumentsError) return failed(parsed);
  let result: unknown;
  try {
    result = await untilAborted(
      Promise.resolve().then(() =>
        tool.execute(parsed.args as never, {
          signal: context.signal,
          step: context.step,
          toolCallId: info.toolCallId,
        }),
      ),
      context.signal,
    );
  } catch (error) {
    if (context.signal.aborted) throw abortError(context.signal);
    return failed(
      new ToolExecutionError(`Tool "${tool.name}" failed: ${messageOf(error)}`, info, error),
    );
  }
  const content = contentOf(result);
  if (content instanceof Error) {
    return failed(
      new ToolExecutionError(
        `Tool "${tool.name}" returned a result that is not JSON: ${content.message}`,
        info,
        content,
      ),
    );
  }
  return { ...outcomeBase(info), args: parsed.args, result, content };
}

function outcomeBase(info: ToolCallInfo): Pick<ToolOutcome, "toolCallId" | "toolName"> {
  return { toolCallId: info.toolCallId, toolName: info.toolName };
}

/** The arguments, parsed (empty text is no arguments: `{}`) and validated. */
async function argumentsOf(
  tool: Tool,
  info: ToolCallInfo,
): Promise<{ args: unknown } | ToolArgumentsError> {
  let json: unknown;
  try {
    json = info.rawArguments.trim() === "" ? {} : JSON.parse(info.rawArguments);
  } catch (error) {
    return new ToolArgumentsError(
      `The arguments of "${tool.name}" are not valid JSON: ${messageOf(error)}`,
      info,
      { cause: error },
    );
  }
  const validation = await validateWith(tool.parameters, json);
  if (validation.issues) {
    return new ToolArgumentsError(
      `The arguments of "${tool.name}" do not match its schema:\n${formatIssues(validation.issues)}`,
      info,
      { issues: validation.issues },
    );
  }
  return { args: validation.value };
}

/** A result as the model reads it: a string as it is, anything else as JSON. */
function contentOf(result: unknown): string | Error {
  if (typeof result === "string") return result;
  if (result === undefined) return "";
  try {
    return JSON.stringify(result) ?? "";
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
