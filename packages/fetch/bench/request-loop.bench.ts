// Per-request cost of a non-streaming chat completion against a loopback server (bounded:
// ROUNDS × PER_ROUND requests per client, then it stops):
// @or/fetch vs bare fetch vs @openrouter/sdk vs openai. Run: pnpm --filter @or/fetch bench
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { OpenRouter } from "@openrouter/sdk";
import { loadFixtures } from "@or/testing";
import OpenAI from "openai";
import { createOpenRouter } from "../src/index.js";
import { startLoopbackProcess } from "./loopback-server.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 200);
const WARMUP = 300;
const KEY = `sk-or-v1-${"0".repeat(64)}`;

const chat = loadFixtures().find(
  (f) => f.operationId === "sendChatCompletionRequest" && f.name === "chat",
);
if (!chat) throw new Error("the sendChatCompletionRequest/chat fixture is missing");
const body = {
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user" as const, content: "Which planet has the shortest year?" }],
  max_tokens: 64,
};

const server = await startLoopbackProcess(chat.response.body, chat.response.headers ?? {});
const base = `${server.origin}/api/v1`;

const orFetch = createOpenRouter({ apiKey: KEY, baseUrl: base });
const official = new OpenRouter({ apiKey: KEY, serverURL: base });
const openai = new OpenAI({ apiKey: KEY, baseURL: base });

/** Each client sends the same request and returns the completion's text. */
const clients: Record<string, () => Promise<unknown>> = {
  "bare fetch": async () => {
    const response = await fetch(`${base}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = (await response.json()) as { choices: { message: { content: string } }[] };
    return data.choices[0]?.message.content;
  },
  "@or/fetch": async () => {
    const { data } = await orFetch.POST("/chat/completions", { body });
    return data?.choices[0]?.message.content;
  },
  "@openrouter/sdk": async () => {
    const result = await official.chat.send({ chatRequest: body });
    return (result as { choices: { message: { content: unknown } }[] }).choices[0]?.message.content;
  },
  openai: async () => {
    const completion = await openai.chat.completions.create(body);
    return completion.choices[0]?.message.content;
  },
};

const expected = "Mercury, at about 88 Earth days.";
for (const [name, send] of Object.entries(clients)) {
  const text = await send();
  if (text !== expected)
    throw new Error(`${name} answered ${JSON.stringify(text)}, not the fixture's text`);
  for (let i = 0; i < WARMUP; i++) await send();
}

// Rounds interleave the clients, so drift of the machine hits them alike; ratios are taken per
// round (paired), and the median round's ratio is reported.
// Wall time is what a caller waits; CPU time (this process only: the server runs in another)
// is the client's own work, and moves less when other processes share the machine.
const wall: Record<string, number[]> = Object.fromEntries(Object.keys(clients).map((n) => [n, []]));
const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(clients).map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, send] of Object.entries(clients)) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i++) await send();
    const used = process.cpuUsage(startCpu);
    wall[name]!.push(((performance.now() - start) * 1000) / PER_ROUND);
    cpu[name]!.push((used.user + used.system) / PER_ROUND);
  }
}
await server.close();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** The median over rounds of this client's time over bare fetch's in the same round. */
const pairedRatio = (times: Record<string, number[]>, name: string) =>
  Number(median(times[name]!.map((t, round) => t / times["bare fetch"]![round]!)).toFixed(3));
const results = Object.fromEntries(
  Object.keys(clients).map((name) => [
    name,
    {
      wallMicrosPerRequest: Math.round(median(wall[name]!)),
      wallRatioToBareFetch: pairedRatio(wall, name),
      cpuMicrosPerRequest: Math.round(median(cpu[name]!)),
      cpuRatioToBareFetch: pairedRatio(cpu, name),
    },
  ]),
);
const report = {
  what: "non-streaming chat completion, sequential requests to a keep-alive loopback server in a child process",
  node: process.version,
  date: new Date().toISOString(),
  loadAverage: (await import("node:os")).loadavg().map((l) => Number(l.toFixed(2))),
  rounds: ROUNDS,
  requestsPerRound: PER_ROUND,
  goal: "@or/fetch ≤ 1.10× bare fetch per request",
  results,
};
console.table(
  Object.fromEntries(
    Object.entries(results).map(([n, r]) => [
      n,
      {
        "wall µs/req": r.wallMicrosPerRequest,
        "wall × bare": r.wallRatioToBareFetch,
        "cpu µs/req": r.cpuMicrosPerRequest,
        "cpu × bare": r.cpuRatioToBareFetch,
      },
    ]),
  ),
);
writeFileSync(
  fileURLToPath(new URL("./request-loop.results.json", import.meta.url)),
  `${JSON.stringify(report, null, 2)}\n`,
);
