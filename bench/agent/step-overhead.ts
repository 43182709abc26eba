/**
 * Per-step overhead of `runTools` over a bare `streamChat` on the same answer: a one-step run
 * (two tools defined, an answer without tool calls: what every step of a loop costs) against
 * `streamChat` + reading every chunk + `finalCompletion()`, both from the built packages, on a
 * keep-alive loopback server in another process that sends the same 2026-style stream (keep-alive
 * comment, 200 content chunks, a finish chunk, a usage chunk repeating the finish reason,
 * [DONE]). Batches of requests, the two taking turns (each round starts with the other), median
 * time per request of each; the ratio is agent ÷ bare. Then the same with the answer served from
 * memory by a `fetch` function (no socket, no server): the library's own CPU time, stable on a
 * busy machine, whose difference is the step's overhead in microseconds.
 *
 *   pnpm --filter @or/bench exec tsx agent/step-overhead.ts     (BENCH_ROUNDS, BENCH_PER_ROUND)
 */
import { fileURLToPath } from "node:url";
import { defineTool, runTools } from "@or/agent";
import { createOpenRouter, type OpenRouterClient } from "@or/fetch";
import { streamChat } from "@or/stream";
import { z } from "zod";
import { median } from "../lib/stats.ts";
import { startSseProcess } from "./sse-server.ts";

const KEY = `sk-or-v1-${"0".repeat(64)}`;
const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 200);

/** The answer, as OpenRouter streams it in 2026. */
function answerSse(): string {
  const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
    `data: ${JSON.stringify({
      id: "gen-bench",
      object: "chat.completion.chunk",
      created: 1780000000,
      model: "openai/gpt-4o-mini",
      provider: "OpenAI",
      choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish }],
      ...extra,
    })}\n\n`;
  let sse = ": OPENROUTER PROCESSING\n\n" + chunk({ role: "assistant", content: "" });
  for (let i = 0; i < CHUNKS; i++) sse += chunk({ content: ` word${i}` });
  sse += chunk({ content: "" }, "stop");
  const usage = {
    prompt_tokens: 80,
    completion_tokens: CHUNKS,
    total_tokens: 80 + CHUNKS,
    cost: 0.0001,
  };
  return sse + chunk({ content: "" }, "stop", { usage }) + "data: [DONE]\n\n";
}

export interface StepOverheadResult {
  /** Loopback: median wall milliseconds per request, and agent ÷ bare. */
  bareMs: number;
  agentMs: number;
  ratio: number;
  /** Loopback: median CPU milliseconds (user + system) of this process per request, and their ratio. */
  bareCpuMs: number;
  agentCpuMs: number;
  cpuRatio: number;
  /** From memory: median CPU microseconds per request, and what the step adds. */
  inMemoryBareUs: number;
  inMemoryAgentUs: number;
  /** The step's own overhead (from memory) as a share of the bare loopback request's CPU time. */
  overheadShare: number;
  rounds: number;
  perRound: number;
}

type Name = "bare" | "agent";
const NAMES: Name[] = ["bare", "agent"];

/** The two ways to read one answer, with the same request. */
function contendersFor(client: OpenRouterClient): Record<Name, () => Promise<string>> {
  const messages = [{ role: "user" as const, content: "Count to two hundred." }];
  const tools = [
    defineTool({
      name: "get_weather",
      parameters: z.object({ city: z.string() }),
      execute: () => "",
    }),
    defineTool({ name: "get_time", parameters: z.object({ zone: z.string() }), execute: () => "" }),
  ];
  const wire = tools.map((t) => ({
    type: "function" as const,
    function: { name: t.name, parameters: t.jsonSchema },
  }));
  return {
    // What an app would write by hand: the same request (tools included), every chunk read.
    bare: async () => {
      const stream = await streamChat(client, {
        model: "openai/gpt-4o-mini",
        messages,
        tools: wire,
      });
      const completion = stream.finalCompletion();
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      await completion;
      return text;
    },
    agent: async () => {
      const run = runTools(client, { model: "openai/gpt-4o-mini", messages, tools });
      let text = "";
      for await (const event of run) if (event.type === "text") text += event.text;
      await run.finalText();
      return text;
    },
  };
}

/** Warms both up (checking they read the same text), then medians of interleaved batches. */
async function interleave(
  contenders: Record<Name, () => Promise<string>>,
  rounds: number,
  perRound: number,
): Promise<Record<Name, { wallMs: number; cpuMs: number }>> {
  const expected = await contenders.bare();
  for (const name of NAMES) {
    for (let i = 0; i < 50; i++) {
      if ((await contenders[name]()) !== expected) throw new Error(`${name} read another text`);
    }
  }
  const wall = { bare: [] as number[], agent: [] as number[] };
  const cpu = { bare: [] as number[], agent: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < NAMES.length; i++) {
      const name = NAMES[(round + i) % NAMES.length]!;
      const start = performance.now();
      const startCpu = process.cpuUsage();
      for (let n = 0; n < perRound; n++) await contenders[name]();
      const used = process.cpuUsage(startCpu);
      wall[name].push((performance.now() - start) / perRound);
      cpu[name].push((used.user + used.system) / 1000 / perRound);
    }
  }
  const of = (name: Name) => ({ wallMs: median(wall[name]), cpuMs: median(cpu[name]) });
  return { bare: of("bare"), agent: of("agent") };
}

export async function measureStepOverhead(rounds = 30, perRound = 20): Promise<StepOverheadResult> {
  const sse = answerSse();
  const server = await startSseProcess(sse);
  let loopback: Awaited<ReturnType<typeof interleave>>;
  try {
    const client = createOpenRouter({ apiKey: KEY, baseUrl: server.base, retry: false });
    loopback = await interleave(contendersFor(client), rounds, perRound);
  } finally {
    await server.close();
  }
  const bytes = new TextEncoder().encode(sse);
  const fromMemory = createOpenRouter({
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:9/api/v1",
    retry: false,
    fetch: async () => new Response(bytes, { headers: { "content-type": "text/event-stream" } }),
  });
  const memory = await interleave(contendersFor(fromMemory), rounds, perRound * 5);
  const round3 = (n: number) => Math.round(n * 1000) / 1000;
  const overheadMs = memory.agent.cpuMs - memory.bare.cpuMs;
  return {
    bareMs: round3(loopback.bare.wallMs),
    agentMs: round3(loopback.agent.wallMs),
    ratio: round3(loopback.agent.wallMs / loopback.bare.wallMs),
    bareCpuMs: round3(loopback.bare.cpuMs),
    agentCpuMs: round3(loopback.agent.cpuMs),
    cpuRatio: round3(loopback.agent.cpuMs / loopback.bare.cpuMs),
    inMemoryBareUs: Math.round(memory.bare.cpuMs * 1000),
    inMemoryAgentUs: Math.round(memory.agent.cpuMs * 1000),
    overheadShare: round3(overheadMs / loopback.bare.cpuMs),
    rounds,
    perRound,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureStepOverhead(
    Number(process.env.BENCH_ROUNDS ?? 30),
    Number(process.env.BENCH_PER_ROUND ?? 20),
  );
  console.log(
    `loopback wall: bare streamChat ${result.bareMs} ms/request, runTools step ${result.agentMs} ms/request, ratio ${result.ratio}\n` +
      `loopback cpu:  bare streamChat ${result.bareCpuMs} ms/request, runTools step ${result.agentCpuMs} ms/request, ratio ${result.cpuRatio}\n` +
      `from memory:   bare ${result.inMemoryBareUs} µs, runTools ${result.inMemoryAgentUs} µs of CPU a request: the step adds ${result.inMemoryAgentUs - result.inMemoryBareUs} µs, ` +
      `${(result.overheadShare * 100).toFixed(1)}% of the bare loopback request\n` +
      `(medians of ${result.rounds} interleaved rounds)`,
  );
}
