import { spawn } from "node:child_process";

const SERVER = `
  const { createServer } = require("node:http");
  const { body, headers } = JSON.parse(process.argv[1]);
  const payload = Buffer.from(JSON.stringify(body));
  const head = { ...headers, "content-type": "application/json", "content-length": String(payload.length) };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, head).end(payload));
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
  process.on("disconnect", () => process.exit(0));
`;

/**
 * A keep-alive HTTP server on 127.0.0.1 in a child process (so the client's CPU time is its own),
 * answering every request with `body` as JSON and the given headers.
 */
export async function startLoopbackProcess(
  body: unknown,
  headers: Record<string, string>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ["-e", SERVER, JSON.stringify({ body, headers })], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`loopback server exited with ${code}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
