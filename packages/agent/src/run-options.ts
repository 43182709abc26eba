import type { ChatMessages, ChatRequest } from "@or/types";
import type { Tool } from "./define-tool";
import type { ToolRunStep } from "./tool-run-state";

/** A chat request whose `tools` are `defineTool` results. `stream` is set by the run. */
export type ToolRunRequest<T extends Tool = Tool> = Omit<ChatRequest, "tools" | "stream"> & {
  tools: readonly T[];
};

/** Options of `runTools`. */
export interface ToolRunOptions {
  /** How many chat completions the run may make. Default 10. */
  maxSteps?: number;
  /** Aborts the stream in flight and the running tools (their `signal`). */
  signal?: AbortSignal;
  /** Let the model ask for several calls at once, run together. Default true. */
  parallelToolCalls?: boolean;
  /** Throw `ToolArgumentsError` / `ToolExecutionError` instead of sending them to the model. */
  strictTools?: boolean;
  /** Called after each step, tool results included; awaited. */
  onStep?: (step: ToolRunStep) => void | Promise<void>;
  /** Extra headers for each request (e.g. `X-OpenRouter-Metadata`). */
  headers?: Record<string, string>;
}

/** The options checked, defaults filled in. */
export interface CheckedRunOptions extends ToolRunOptions {
  maxSteps: number;
  parallelToolCalls: boolean;
  strictTools: boolean;
}

/** Checks the options, naming the wrong one in a `TypeError`. */
export function checkRunOptions(options: ToolRunOptions): CheckedRunOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("options must be an object.");
  }
  const { maxSteps = 10, parallelToolCalls = true, strictTools = false } = options;
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1) {
    throw new TypeError(`maxSteps must be a positive integer (got ${String(maxSteps)}).`);
  }
  for (const [name, value] of Object.entries({ parallelToolCalls, strictTools })) {
    if (typeof value !== "boolean") throw new TypeError(`${name} must be a boolean.`);
  }
  if (options.onStep !== undefined && typeof options.onStep !== "function") {
    throw new TypeError("onStep must be a function.");
  }
  const { headers } = options;
  if (headers !== undefined && (typeof headers !== "object" || headers === null)) {
    throw new TypeError("headers must be an object of header names and values.");
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new TypeError("signal must be an AbortSignal.");
  }
  return { ...options, maxSteps, parallelToolCalls, strictTools };
}

/** The tools by name, checked: `defineTool` results with distinct names. */
export function toolsByName(tools: unknown): Map<string, Tool> {
  if (!Array.isArray(tools) || tools.length === 0) {
    throw new TypeError("request.tools must be a non-empty array of defineTool results.");
  }
  const byName = new Map<string, Tool>();
  for (const tool of tools as Tool[]) {
    if (typeof tool?.execute !== "function" || typeof tool.jsonSchema !== "object") {
      throw new TypeError("request.tools must hold defineTool results.");
    }
    if (byName.has(tool.name))
      throw new TypeError(`request.tools has two tools named ${tool.name}.`);
    byName.set(tool.name, tool);
  }
  return byName;
}

/** The request of one step: the conversation so far, the tools as JSON Schema. */
export function stepRequest(
  request: ToolRunRequest,
  tools: ReadonlyMap<string, Tool>,
  messages: ChatMessages[],
  parallelToolCalls: boolean,
): ChatRequest {
  const { tools: _defined, ...rest } = request;
  const body: ChatRequest = {
    ...rest,
    messages,
    tools: [...tools.values()].map((tool) => ({
      type: "function" as const,
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.jsonSchema,
      },
    })),
  };
  if (!parallelToolCalls) body.parallel_tool_calls = false;
  return body;
}
