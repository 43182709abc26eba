// Replay-server throughput on loopback: requests/s for a small JSON fixture, MB/s for a large
// SSE stream. Bounded loops, 127.0.0.1 only.
//
//   pnpm --filter @or/testing exec tsx bench/replay-throughput.ts [--requests 5000] [--concurrency 16] [--stream-mb 16] [--streams 8]
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import type { Fixture, SseItem } from "../src/fixture-format";
import { startReplayServer } from "../src/replay-server";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "16" },
    "stream-mb": { type: "string", default: "16" },
    streams: { type: "string", default: "8" },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const STREAM_BYTES = Number(values["stream-mb"]) * 1024 * 1024;
const STREAMS = Number(values.streams);
const AUTH = `Bearer sk-or-v1-${"0".repeat(64)}`;

const small: Fixture = {
  name: "success",
  operationId: "getCredits",
  request: { method: "GET", path: "/credits" },
  response: { status: 200, body: { data: { total_credits: 25, total_usage: 3.5 } } },
};

/** Chat chunks of about 1 KB each, enough of them to make `STREAM_BYTES`. */
function largeStream(): Fixture {
  const chunk = (i: number): SseItem => ({
    data: {
      id: "gen-bench",
      object: "chat.completion.chunk",
      created: 1700000000,
      model: "openai/gpt-4o",
      choices: [{ index: 0, delta: { content: `${i} ${"lorem ipsum ".repeat(80)}` } }],
    },
  });
  const size = Buffer.byteLength(
    `data: ${JSON.stringify((chunk(0) as { data: unknown }).data)}\n\n`,
  );
  const count = Math.ceil(STREAM_BYTES / size);
  return {
    name: "stream",
    operationId: "sendChatCompletionRequest",
    request: { method: "POST", path: "/chat/completions" },
    response: {
      status: 200,
      sse: [...Array.from({ length: count }, (_, i) => chunk(i)), { data: "[DONE]" }],
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One request with node:http (less client overhead than fetch); resolves with the body size. */
function send(url: string, method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { authorization: AUTH } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () =>
        res.statusCode === 200 ? resolve(bytes) : reject(new Error(`status ${res.statusCode}`)),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(method === "POST" ? '{"stream":true}' : undefined);
  });
}

async function smallJson(url: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      await send(`${url}/credits`, "GET");
    }
  };
  await send(`${url}/credits`, "GET"); // warm-up
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `small JSON (${JSON.stringify(small.response.body).length} B): ${REQUESTS} requests, ` +
      `concurrency ${CONCURRENCY}: ${(REQUESTS / seconds).toFixed(0)} req/s`,
  );
}

async function bigStream(url: string): Promise<void> {
  await send(`${url}/chat/completions`, "POST"); // warm-up
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < STREAMS; i++) bytes += await send(`${url}/chat/completions`, "POST");
  const seconds = (performance.now() - start) / 1000;
  const mb = bytes / 1024 / 1024;
  console.log(
    `large SSE stream (${(mb / STREAMS).toFixed(1)} MiB, ${largeStream().response.sse?.length} items): ` +
      `${STREAMS} streams one after another: ${(mb / seconds).toFixed(0)} MiB/s`,
  );
}

const server = await startReplayServer({ fixtures: [small, largeStream()], record: false });
try {
  console.log(`node ${process.version}, replay server at ${server.url}`);
  await smallJson(server.url);
  await bigStream(server.url);
} finally {
  agent.destroy();
  await server.close();
}
