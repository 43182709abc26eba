import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A request exactly as it arrived: names lower-cased by node, the body as raw bytes. */
export interface RecordedRequest {
  method: string;
  /** Path and query as sent, undecoded. */
  url: string;
  /** `[name, value]` pairs in arrival order, one per header line, names lower-cased. */
  headers: [string, string][];
  body: Buffer;
}

/** What the server answers: a status, headers as written, and an optional body. */
export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string | number>;
  /** Written in one chunk; with no `content-length` header node sends it chunked. */
  body?: string | Uint8Array;
}

export interface RecordingServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Decides each answer; replace it per case. Default: 200 with `{"ok":true}`. */
  answer: (request: RecordedRequest) => ScriptedResponse;
  /** The requests recorded since the last `take()`, and forgets them. */
  take(): RecordedRequest[];
  close(): Promise<void>;
}

/** A JSON answer with a `content-length`, as the API sends. */
export function jsonAnswer(status: number, body: unknown): ScriptedResponse {
  const text = JSON.stringify(body);
  return {
    status,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
    body: text,
  };
}

function pairs(req: IncomingMessage): [string, string][] {
  const raw = req.rawHeaders;
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
  return out;
}

/**
 * A node:http server on 127.0.0.1 that records every request byte for byte and answers as
 * `answer` says: the ground truth for comparing two clients on the wire.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  let recorded: RecordedRequest[] = [];
  const handle: RecordingServer = {
    origin: "",
    answer: () => jsonAnswer(200, { ok: true }),
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: pairs(req),
      body: Buffer.concat(chunks),
    };
    recorded.push(request);
    const scripted = handle.answer(request);
    res.writeHead(scripted.status, scripted.headers);
    res.end(scripted.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  handle.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return handle;
}
