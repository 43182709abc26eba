import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as a loopback server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** The body as raw bytes. */
  bytes: Buffer;
  /** `[name, value]` per header line, in arrival order, names lower-cased. */
  headerLines: [string, string][];
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A tiny node:http server on 127.0.0.1 for what the replay server does not do (redirects,
 * odd answers). The handler gets the request with its body already read.
 */
export async function startLoopbackServer(
  handler: (request: SeenRequest, res: ServerResponse) => void | Promise<void>,
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const seen = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: bytes.toString("utf8"),
      bytes,
      headerLines: headerLines(req.rawHeaders),
    };
    requests.push(seen);
    await handler(seen, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function headerLines(raw: string[]): [string, string][] {
  const lines: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) lines.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
  return lines;
}

/** Answers JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
