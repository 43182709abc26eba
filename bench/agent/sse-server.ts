import { spawn } from "node:child_process";

const SERVER = `
  const { createServer } = require("node:http");
  process.once("message", (sse) => {
  const payload = Buffer.from(sse);
  const head = { "content-type": "text/event-stream", "cache-control": "no-cache", "x-generation-id": "gen-bench" };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, head).end(payload));
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
  });
  process.on("disconnect", () => process.exit(0));
`;

/**
 * A keep-alive server on 127.0.0.1 in a child process (so the client's CPU time is its own) that
 * answers every POST with the same SSE bytes.
 */
export async function startSseProcess(
  sse: string,
): Promise<{ base: string; close(): Promise<void> }> {
  // The answer goes by IPC: as an argument, a long one would pass the system's limit.
  const child = spawn(process.execPath, ["-e", SERVER], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  child.send(sse);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`SSE server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
