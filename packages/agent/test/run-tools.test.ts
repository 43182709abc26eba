import { describe, expect, test } from "vitest";
import {
  defineTool,
  MaxStepsError,
  RefusalError,
  runTools,
  ToolArgumentsError,
  ToolExecutionError,
  toolRunStateOf,
  type ToolRunEvent,
} from "../src/index";
import { agentFixtures, WEATHER_ANSWER } from "./fixtures/agent-fixtures";
import { schemaSets } from "./schemas";
import { scenario, useAgentServer } from "./server";

const ctx = useAgentServer();

describe.each(schemaSets)("runTools with $library", (schemas) => {
  function weatherTool(
    execute: (args: { city: string }) => Promise<unknown> = async (args) => ({
      city: args.city,
      celsius: 18,
    }),
  ) {
    return defineTool({
      name: "get_weather",
      description: "The weather in a city",
      parameters: schemas.weather,
      execute: (args) => execute(args as { city: string }),
    });
  }

  test("two steps: a weather call, its result sent back, then the answer", async () => {
    const calls: unknown[] = [];
    const tool = weatherTool(async (args) => {
      calls.push(args);
      return { city: args.city, celsius: 18 };
    });
    const run = runTools(ctx.client, { ...scenario("weather"), tools: [tool] });
    const events: ToolRunEvent[] = [];
    for await (const event of run) events.push(event);

    // The usage chunk repeats the finish reason (as on the 2026 wire): the tool still ran once.
    const finishes = agentFixtures[0]!.response.sse!.filter(
      (item) => "data" in item && (item.data as any).choices?.[0]?.finish_reason === "tool_calls",
    );
    expect(finishes).toHaveLength(2);
    expect(calls).toEqual([{ city: "Paris" }]);
    expect(await run.finalText()).toBe(WEATHER_ANSWER);
    expect(events.map((e) => e.type)).toEqual([
      "toolCall",
      "toolResult",
      "stepFinish",
      "text",
      "text",
      "text",
      "stepFinish",
    ]);
    expect(run.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    expect(run.messages[2]).toEqual({
      role: "tool",
      tool_call_id: "call_w1",
      content: '{"city":"Paris","celsius":18}',
    });
    expect(run.steps.map((s) => [s.index, s.generationId, s.finishReason])).toEqual([
      [0, "gen-weather-1", "tool_calls"],
      [1, "gen-weather-2", "stop"],
    ]);
    expect(run.usage).toMatchObject({
      prompt_tokens: 140,
      completion_tokens: 30,
      total_tokens: 170,
    });
    expect(run.usage?.cost).toBeCloseTo(0.0005, 10);

    // What the model got: the tool as JSON Schema, then the conversation with the result.
    const [first, second] = ctx.server.requests.map((r) => r.body as Record<string, any>);
    expect(first!.tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "The weather in a city",
          parameters: expect.objectContaining({
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          }),
        },
      },
    ]);
    expect(first!.tools[0].function.parameters).not.toHaveProperty("$schema");
    expect(second!.messages).toEqual(run.messages.slice(0, 3));
  });

  test("finalCompletion() runs the loop without iterating; onStep sees each step", async () => {
    const seen: number[] = [];
    const run = runTools(
      ctx.client,
      { ...scenario("weather"), tools: [weatherTool()] },
      { onStep: (step) => void seen.push(step.index) },
    );
    const completion = await run.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe(WEATHER_ANSWER);
    expect(seen).toEqual([0, 1]);
  });

  test("parallel calls run together, their results in call order", async () => {
    let running = 0;
    let together = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const track = async <T>(value: T): Promise<T> => {
      running++;
      together = Math.max(together, running);
      if (running === 2) release();
      await bothStarted;
      running--;
      return value;
    };
    const time = defineTool({
      name: "get_time",
      parameters: schemas.time,
      execute: (args) => track(`noon in ${(args as { zone: string }).zone}`),
    });
    const weather = weatherTool((args) => track({ city: args.city, sky: "sunny" }));
    const run = runTools(ctx.client, { ...scenario("parallel"), tools: [weather, time] });
    expect(await run.finalText()).toBe("Sunny, and it is noon.");
    expect(together).toBe(2);
    expect(run.messages.slice(2)).toEqual([
      { role: "tool", tool_call_id: "call_p1", content: '{"city":"Paris","sky":"sunny"}' },
      { role: "tool", tool_call_id: "call_p2", content: "noon in Europe/Paris" },
      expect.objectContaining({ role: "assistant", content: "Sunny, and it is noon." }),
    ]);
  });

  test("parallelToolCalls: false asks for one call at a time and runs them in turn", async () => {
    const order: string[] = [];
    const time = defineTool({
      name: "get_time",
      parameters: schemas.time,
      execute: async () => {
        order.push("time");
        return "noon";
      },
    });
    const weather = weatherTool(async (args) => {
      order.push("weather:start");
      await new Promise((resolve) => setImmediate(resolve));
      order.push("weather:end");
      return args;
    });
    const run = runTools(
      ctx.client,
      { ...scenario("parallel"), tools: [weather, time] },
      { parallelToolCalls: false },
    );
    await run.finalText();
    expect(order).toEqual(["weather:start", "weather:end", "time"]);
    expect((ctx.server.requests[0]!.body as any).parallel_tool_calls).toBe(false);
  });

  test("a tool that throws: the error goes to the model as text, the loop goes on", async () => {
    const run = runTools(ctx.client, {
      ...scenario("weather"),
      tools: [weatherTool(async () => Promise.reject(new Error("weather service down")))],
    });
    const results = [];
    for await (const event of run) if (event.type === "toolResult") results.push(event);
    expect(results).toHaveLength(1);
    expect(results[0]!.error).toBeInstanceOf(ToolExecutionError);
    expect(results[0]!.error).toMatchObject({ toolName: "get_weather", toolCallId: "call_w1" });
    expect((results[0]!.error as Error).cause).toEqual(new Error("weather service down"));
    expect(run.messages[2]).toEqual({
      role: "tool",
      tool_call_id: "call_w1",
      content: 'Error: Tool "get_weather" failed: weather service down',
    });
    expect(await run.finalText()).toBe(WEATHER_ANSWER);
  });

  test("strictTools: a tool that throws rejects the run with ToolExecutionError", async () => {
    const run = runTools(
      ctx.client,
      {
        ...scenario("weather"),
        tools: [weatherTool(async () => Promise.reject(new Error("down")))],
      },
      { strictTools: true },
    );
    await expect(run.finalText()).rejects.toBeInstanceOf(ToolExecutionError);
    expect(ctx.server.requests).toHaveLength(1);
  });

  test("bad arguments: sent back as tool errors; strictTools throws ToolArgumentsError", async () => {
    const executed: unknown[] = [];
    const tool = weatherTool(async (args) => {
      executed.push(args);
      return "sunny";
    });
    const run = runTools(ctx.client, { ...scenario("bad-args"), tools: [tool] });
    const results = [];
    for await (const event of run) if (event.type === "toolResult") results.push(event);
    expect(await run.finalText()).toBe("Sorry, I could not tell.");
    const [wrongShape, notJson] = results;
    // Not JSON is caught by every form; the wrong shape only by the libraries that validate.
    expect(notJson!.error).toBeInstanceOf(ToolArgumentsError);
    expect(notJson!.error).toMatchObject({ rawArguments: '{"city": "Par', toolCallId: "call_b2" });
    expect(notJson!.content).toMatch(/^Error: The arguments of "get_weather" are not valid JSON/);
    if (schemas.validates) {
      expect(wrongShape!.error).toBeInstanceOf(ToolArgumentsError);
      expect((wrongShape!.error as ToolArgumentsError).issues?.length).toBeGreaterThan(0);
      expect(wrongShape!.content).toMatch(/do not match its schema/);
      expect(executed).toEqual([]);
    } else {
      expect(executed).toEqual([{ town: 3 }]);
    }

    const strict = runTools(
      ctx.client,
      { ...scenario("bad-args"), tools: [tool] },
      { strictTools: true },
    );
    await expect(strict.finalText()).rejects.toBeInstanceOf(ToolArgumentsError);
  });
});

describe("runTools: ends of a run", () => {
  const weather = () =>
    defineTool({
      name: "get_weather",
      parameters: schemaSets[0]!.weather,
      execute: async () => "sunny",
    });

  test("maxSteps reached: MaxStepsError with the run so far, tool results included", async () => {
    const run = runTools(
      ctx.client,
      { ...scenario("weather"), tools: [weather()] },
      { maxSteps: 1 },
    );
    const error = await run.finalText().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxStepsError);
    const state = (error as MaxStepsError).run;
    expect(state.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(state.steps).toHaveLength(1);
    expect(state.usage?.total_tokens).toBe(70);
    expect(ctx.server.requests).toHaveLength(1);
  });

  test("an unknown tool name is answered as a tool error", async () => {
    const other = defineTool({ name: "other", parameters: { type: "object" }, execute: () => "x" });
    const run = runTools(ctx.client, { ...scenario("weather"), tools: [other] });
    expect(await run.finalText()).toBe(WEATHER_ANSWER);
    expect(run.steps[0]!.toolResults[0]!.error).toBeInstanceOf(ToolArgumentsError);
    expect(run.messages[2]).toMatchObject({
      content: 'Error: No tool named "get_weather" (tools: other).',
    });
  });

  test("a refusal rejects with RefusalError holding what the model said", async () => {
    const run = runTools(ctx.client, { ...scenario("refusal"), tools: [weather()] });
    const error = await run.finalText().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusalError);
    expect(error).toMatchObject({ refusal: "I can't help with that." });
  });

  test("a mid-stream error rejects with the stream's typed error and the run so far", async () => {
    const { StreamError } = await import("@or/stream");
    const run = runTools(ctx.client, { ...scenario("midstream-error"), tools: [weather()] });
    const error = await run.finalText().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as InstanceType<typeof StreamError>).partial).toMatchObject({
      choices: [{ message: { content: "It is" } }],
    });
    expect(toolRunStateOf(error)?.steps).toHaveLength(1);
    expect(toolRunStateOf(error)?.messages.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "tool",
    ]);
  });

  test("reasoning streams as reasoning events and stays in the conversation", async () => {
    const run = runTools(
      ctx.client,
      { ...scenario("reasoning"), tools: [weather()] },
      { headers: { "x-or-test": "agent" } },
    );
    const events = [];
    for await (const event of run) if (event.type !== "stepFinish") events.push(event);
    expect(events).toEqual([
      { type: "reasoning", step: 0, text: "The user asks" },
      { type: "reasoning", step: 0, text: " about Paris." },
      { type: "text", step: 0, text: "Paris is sunny." },
    ]);
    expect(run.messages[1]).toMatchObject({
      role: "assistant",
      content: "Paris is sunny.",
      reasoning: "The user asks about Paris.",
    });
    expect(ctx.server.requests[0]!.headers["x-or-test"]).toBe("agent");
  });

  test("a run is consumed once", async () => {
    const run = runTools(ctx.client, { ...scenario("weather"), tools: [weather()] });
    await run.finalText();
    expect(() => run[Symbol.asyncIterator]()).toThrow(/consumed once/);
  });

  test("options and tools are checked, naming the wrong one", () => {
    const request = { ...scenario("weather"), tools: [weather()] };
    expect(() => runTools(ctx.client, request, { maxSteps: 0 })).toThrow(/maxSteps/);
    expect(() => runTools(ctx.client, request, { headers: "x" as never })).toThrow(/headers/);
    expect(() => runTools(ctx.client, request, { onStep: 1 as never })).toThrow(/onStep/);
    expect(() => runTools(ctx.client, request, { parallelToolCalls: "no" as never })).toThrow(
      /parallelToolCalls/,
    );
    expect(() => runTools(ctx.client, { ...request, tools: [] })).toThrow(/request.tools/);
    expect(() => runTools(ctx.client, { ...request, tools: [weather(), weather()] })).toThrow(
      /two tools/,
    );
    expect(() => defineTool({ name: "bad name", parameters: {}, execute: () => 1 })).toThrow(
      /name/,
    );
  });
});
