/**
 * Per-step overhead of `runTools` over a bare `streamChat` on the same answer: a one-step run
 * (two tools defined, an answer without tool calls: what every step of a loop costs) against
 * `streamChat` + reading every chunk + `finalCompletion()`, both from the built packages, on a
 * keep-alive loopback server in another process that sends the same 2026-style stream (keep-alive
 * comment, 200 content chunks, a finish chunk, a usage chunk repeating the finish reason,
 * [DONE]). Batches of requests, the two taking turns (each round starts with the other), median
 * time per request of each; the ratio is agent ÷ bare.
 *
 *   pnpm --filter @or/bench exec tsx agent/step-overhead.ts     (BENCH_ROUNDS, BENCH_PER_ROUND)
 */
import { fileURLToPath } from "node:url";
import { defineTool, runTools } from "@or/agent";
import { createOpenRouter } from "@or/fetch";
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
  /** Median wall milliseconds per request. */
  bareMs: number;
  agentMs: number;
  /** agent ÷ bare, wall time. */
  ratio: number;
  /** Median CPU milliseconds (user + system) of this process per request, and their ratio. */
  bareCpuMs: number;
  agentCpuMs: number;
  cpuRatio: number;
  rounds: number;
  perRound: number;
}

export async function measureStepOverhead(rounds = 30, perRound = 20): Promise<StepOverheadResult> {
  const server = await startSseProcess(answerSse());
  try {
    const client = createOpenRouter({ apiKey: KEY, baseUrl: server.base, retry: false });
    const messages = [{ role: "user" as const, content: "Count to two hundred." }];
    const tools = [
      defineTool({
        name: "get_weather",
        parameters: z.object({ city: z.string() }),
        execute: () => "",
      }),
      defineTool({
        name: "get_time",
        parameters: z.object({ zone: z.string() }),
        execute: () => "",
      }),
    ];
    const wire = tools.map((t) => ({
      type: "function" as const,
      function: { name: t.name, parameters: t.jsonSchema },
    }));
    const contenders: Record<"bare" | "agent", () => Promise<string>> = {
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
    const names = ["bare", "agent"] as const;
    const expected = await contenders.bare();
    for (const name of names) {
      for (let i = 0; i < 50; i++) {
        if ((await contenders[name]()) !== expected) throw new Error(`${name} read another text`);
      }
    }
    const wall = { bare: [] as number[], agent: [] as number[] };
    const cpu = { bare: [] as number[], agent: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length]!;
        const start = performance.now();
        const startCpu = process.cpuUsage();
        for (let n = 0; n < perRound; n++) await contenders[name]();
        const used = process.cpuUsage(startCpu);
        wall[name].push((performance.now() - start) / perRound);
        cpu[name].push((used.user + used.system) / 1000 / perRound);
      }
    }
    const ms = (n: number) => Math.round(n * 1000) / 1000;
    const [bareMs, agentMs] = [median(wall.bare), median(wall.agent)];
    const [bareCpuMs, agentCpuMs] = [median(cpu.bare), median(cpu.agent)];
    return {
      bareMs: ms(bareMs),
      agentMs: ms(agentMs),
      ratio: ms(agentMs / bareMs),
      bareCpuMs: ms(bareCpuMs),
      agentCpuMs: ms(agentCpuMs),
      cpuRatio: ms(agentCpuMs / bareCpuMs),
      rounds,
      perRound,
    };
  } finally {
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureStepOverhead(
    Number(process.env.BENCH_ROUNDS ?? 30),
    Number(process.env.BENCH_PER_ROUND ?? 20),
  );
  console.log(
    `wall: bare streamChat ${result.bareMs} ms/request, runTools step ${result.agentMs} ms/request, ratio ${result.ratio}\n` +
      `cpu:  bare streamChat ${result.bareCpuMs} ms/request, runTools step ${result.agentCpuMs} ms/request, ratio ${result.cpuRatio}\n` +
      `(medians of ${result.rounds} rounds of ${result.perRound} requests each)`,
  );
}
