import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One small chat chunk, the shape OpenRouter streams (`content` of 4 characters). */
const CHUNK = `data: ${JSON.stringify({
  id: "gen-bench",
  object: "chat.completion.chunk",
  created: 1700000000,
  model: "openai/gpt-4o",
  choices: [{ index: 0, delta: { content: "tok " }, finish_reason: null }],
})}\n\n`;

const LAST = `data: ${JSON.stringify({
  id: "gen-bench",
  object: "chat.completion.chunk",
  created: 1700000000,
  model: "openai/gpt-4o",
  choices: [{ index: 0, delta: { content: "" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
})}\n\ndata: [DONE]\n\n`;

const BLOCK_CHUNKS = 1000;

/** The text a consumer that joins every chunk's content ends with: `"tok "` per chunk. */
export const textLengthOf = (chunks: number): number => chunks * 4;

export interface ChunkServer {
  /** Base URL to give a client, e.g. `http://127.0.0.1:1234/api/v1`. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A loopback server that answers every POST with a chat completion stream of `chunks` data
 * events (+1 closing chunk with `finish_reason` and usage, then `[DONE]`), written with
 * back-pressure so that its own memory stays flat. `chunks` must be a multiple of 1,000.
 */
export async function startChunkServer(chunks: number): Promise<ChunkServer> {
  if (chunks % BLOCK_CHUNKS !== 0) throw new Error(`chunks must be a multiple of ${BLOCK_CHUNKS}`);
  const first = CHUNK.replace('"delta":{', '"delta":{"role":"assistant",');
  const block = Buffer.from(CHUNK.repeat(BLOCK_CHUNKS));
  const firstBlock = Buffer.from(first + CHUNK.repeat(BLOCK_CHUNKS - 1));
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        "x-generation-id": "gen-bench",
      });
      void writeAll(response, firstBlock, block, chunks / BLOCK_CHUNKS).catch(() =>
        response.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function writeAll(
  response: ServerResponse,
  firstBlock: Buffer,
  block: Buffer,
  blocks: number,
): Promise<void> {
  for (let i = 0; i < blocks; i++) {
    if (response.destroyed) return;
    if (!response.write(i === 0 ? firstBlock : block)) await drained(response);
  }
  response.end(LAST);
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      response.off("close", onClose);
      resolve();
    };
    const onClose = () => {
      response.off("drain", onDrain);
      reject(new Error("client went away"));
    };
    response.once("drain", onDrain);
    response.once("close", onClose);
  });
}
