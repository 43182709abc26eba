import { jsonSchemaOf, type InferOutput, type Schema } from "./schema";

/** What a tool's `execute` gets besides its arguments. */
export interface ToolContext {
  /** Aborts when the run is aborted: pass it on to `fetch` and the like. */
  signal: AbortSignal;
  /** The step (0-based) whose answer asked for this call. */
  step: number;
  /** The id of the call, as the model named it. */
  toolCallId: string;
}

/** The arguments of a tool with this schema: the schema's output, an object for plain JSON Schema. */
export type ToolArguments<S extends Schema> = InferOutput<S, Record<string, unknown>>;

/** What `defineTool` takes. */
export interface ToolDefinition<Name extends string, S extends Schema, Result> {
  /** The function name the model calls: letters, digits, `_` and `-`, at most 64. */
  name: Name;
  description?: string;
  /** The arguments' schema: a Standard JSON Schema (zod 4, arktype, valibot) or plain JSON Schema. */
  parameters: S;
  /** Runs the call with validated arguments; its result is sent back (strings as they are, else JSON). */
  execute: (args: ToolArguments<S>, context: ToolContext) => Result | Promise<Result>;
}

/** A tool made by `defineTool`: its definition plus the JSON Schema sent to the model. */
export interface Tool<Name extends string = string, S extends Schema = Schema, Result = unknown>
  extends Readonly<ToolDefinition<Name, S, Result>> {
  /** The JSON Schema of `parameters`, computed once. */
  readonly jsonSchema: Record<string, unknown>;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Defines a tool for `runTools`: its name, its arguments' schema and the function that runs it.
 * The arguments `execute` receives are validated by the schema and typed from it.
 * @example
 * import { z } from "zod";
 * const weather = defineTool({
 *   name: "get_weather",
 *   description: "The weather in a city now",
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }, { signal }) => (await fetch(`https://wttr.in/${city}?format=j1`, { signal })).json(),
 * });
 */
export function defineTool<const Name extends string, S extends Schema, Result>(
  definition: ToolDefinition<Name, S, Result>,
): Tool<Name, S, Result> {
  if (typeof definition !== "object" || definition === null) {
    throw new TypeError("defineTool needs { name, parameters, execute }.");
  }
  const { name, description, parameters, execute } = definition;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new TypeError(
      `name must be 1 to 64 letters, digits, "_" or "-" (got ${JSON.stringify(name)}).`,
    );
  }
  if (description !== undefined && typeof description !== "string") {
    throw new TypeError("description must be a string.");
  }
  if (typeof execute !== "function") throw new TypeError("execute must be a function.");
  const jsonSchema = jsonSchemaOf(parameters, "parameters");
  return Object.freeze({ name, description, parameters, execute, jsonSchema });
}
