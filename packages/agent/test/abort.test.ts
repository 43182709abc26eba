import { describe, expect, test } from "vitest";
import { AbortError } from "@or/fetch";
import { defineTool, runTools, toolRunStateOf, type ToolContext } from "../src/index";
import { schemaSets } from "./schemas";
import { scenario, useAgentServer } from "./server";

const ctx = useAgentServer();
const parameters = schemaSets[0]!.weather;

/** A tool that tells when it started and waits (for its signal, unless it ignores it). */
function waitingTool(ignoreSignal = false) {
  let started!: (context: ToolContext) => void;
  const startedWith = new Promise<ToolContext>((resolve) => (started = resolve));
  const tool = defineTool({
    name: "get_weather",
    parameters,
    execute: (_args, context) =>
      new Promise((_resolve, reject) => {
        started(context);
        if (!ignoreSignal)
          context.signal.addEventListener("abort", () => reject(context.signal.reason));
      }),
  });
  return { tool, startedWith };
}

describe("abort", () => {
  test("during a tool: its signal aborts, the run rejects with AbortError and the run so far", async () => {
    const controller = new AbortController();
    const { tool, startedWith } = waitingTool();
    const run = runTools(
      ctx.client,
      { ...scenario("weather"), tools: [tool] },
      { signal: controller.signal },
    );
    const result = run.finalText().catch((e: unknown) => e);
    const context = await startedWith;
    expect(context).toMatchObject({ step: 0, toolCallId: "call_w1" });
    controller.abort(new Error("user left"));
    const error = await result;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("user left"));
    expect(context.signal.aborted).toBe(true);
    expect(toolRunStateOf(error)?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(ctx.server.requests).toHaveLength(1);
  });

  test("during a tool that ignores its signal: the run still rejects at once", async () => {
    const { tool, startedWith } = waitingTool(true);
    const run = runTools(ctx.client, { ...scenario("weather"), tools: [tool] });
    const result = run.finalText().catch((e: unknown) => e);
    await startedWith;
    run.abort();
    expect(await result).toBeInstanceOf(AbortError);
  });

  test("during a stream: the stream in flight stops and the run rejects with AbortError", async () => {
    // The server sends the first words, then nothing: the abort comes while the stream waits.
    ctx.server.addFault({
      fault: { type: "stall", afterItems: 4 },
      match: { fixture: "sendChatCompletionRequest/agent-slow-1" },
    });
    const controller = new AbortController();
    const tool = defineTool({ name: "get_weather", parameters, execute: () => "sunny" });
    const run = runTools(
      ctx.client,
      { ...scenario("slow"), tools: [tool] },
      { signal: controller.signal },
    );
    const texts: string[] = [];
    const error = await (async () => {
      for await (const event of run) {
        if (event.type !== "text") continue;
        texts.push(event.text);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(texts).toEqual(["One"]);
    await expect(run.finalText()).rejects.toBe(error);
    expect(toolRunStateOf(error)?.steps).toEqual([]);
  });

  test("breaking out of the loop stops the run: finalCompletion() rejects with AbortError", async () => {
    const tool = defineTool({ name: "get_weather", parameters, execute: () => "sunny" });
    const run = runTools(ctx.client, { ...scenario("weather"), tools: [tool] });
    for await (const event of run) if (event.type === "toolCall") break;
    const error = await run.finalCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toMatch(/closed by its consumer/);
    expect(ctx.server.requests).toHaveLength(1);
  });

  test("an already aborted signal: no request is sent", async () => {
    const tool = defineTool({ name: "get_weather", parameters, execute: () => "sunny" });
    const run = runTools(
      ctx.client,
      { ...scenario("weather"), tools: [tool] },
      { signal: AbortSignal.abort() },
    );
    await expect(run.finalText()).rejects.toBeInstanceOf(AbortError);
    expect(ctx.server.requests).toHaveLength(0);
  });
});

test("a run removes its listener from the caller's signal when it ends", async () => {
  const signal = new AbortController().signal;
  const added: unknown[] = [];
  const removed: unknown[] = [];
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: any, options?: any) => {
    added.push(listener);
    add(type, listener, options);
  }) as typeof add;
  signal.removeEventListener = ((type: string, listener: any) => {
    removed.push(listener);
    remove(type, listener);
  }) as typeof remove;
  const tool = defineTool({ name: "get_weather", parameters, execute: () => "sunny" });
  const run = runTools(ctx.client, { ...scenario("weather"), tools: [tool] }, { signal });
  // What runTools itself added, before any request (the streams add and keep their own).
  const ours = [...added];
  expect(ours).toHaveLength(1);
  await run.finalText();
  expect(removed).toEqual(expect.arrayContaining(ours));
});

describe("abort while the headers are awaited", () => {
  const slowHeaders = () =>
    ctx.server.addFault({
      fault: { type: "delay-headers", ms: 600_000 },
      match: { fixture: "sendChatCompletionRequest/agent-weather-1" },
    });
  const tool = () => defineTool({ name: "get_weather", parameters, execute: () => "sunny" });

  test("the caller's signal cancels the request", async () => {
    slowHeaders();
    const controller = new AbortController();
    const run = runTools(
      ctx.client,
      { ...scenario("weather"), tools: [tool()] },
      { signal: controller.signal },
    );
    const result = run.finalText().catch((e: unknown) => e);
    await waitForRequest();
    controller.abort();
    expect(await result).toBeInstanceOf(AbortError);
  });

  test("run.abort() rejects at once", async () => {
    slowHeaders();
    const run = runTools(ctx.client, { ...scenario("weather"), tools: [tool()] });
    const result = run.finalText().catch((e: unknown) => e);
    await waitForRequest();
    run.abort();
    expect(await result).toBeInstanceOf(AbortError);
  });

  /** Resolves once the server has the request (it then holds the headers back). */
  async function waitForRequest(): Promise<void> {
    while (ctx.server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
  }
});
