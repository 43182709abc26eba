import type { OpenRouterClient } from "@or/fetch";
import type { Tool } from "./define-tool";
import type { ToolRunOptions, ToolRunRequest } from "./run-options";
import { ToolRun } from "./tool-run";

/**
 * Runs a tool loop: each step is one streamed chat completion; the tool calls in it are
 * validated and executed (together unless `parallelToolCalls: false`), their results (or errors,
 * as text the model can read) appended as `tool` messages, until an answer without tool calls,
 * `maxSteps` (`MaxStepsError`) or abort (`AbortError`). The run starts when first consumed.
 * @example
 * const run = runTools(client, { model: "openai/gpt-4o", messages, tools: [weather] });
 * for await (const event of run) if (event.type === "text") process.stdout.write(event.text);
 * console.log(run.usage?.cost, run.steps.length, await run.finalText());
 */
export function runTools<const T extends Tool>(
  client: OpenRouterClient,
  request: ToolRunRequest<T>,
  options?: ToolRunOptions,
): ToolRun<T> {
  return new ToolRun(client, request, options);
}
