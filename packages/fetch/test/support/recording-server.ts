import { startLoopbackServer, type SeenRequest } from "./loopback-server.js";

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

const recorded = ({ method, url, headerLines, bytes }: SeenRequest): RecordedRequest => ({
  method,
  url,
  headers: headerLines,
  body: bytes,
});

/**
 * A loopback server that records every request byte for byte and answers as `answer` says: the
 * ground truth for comparing two clients on the wire.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  let taken = 0;
  const handle: RecordingServer = {
    origin: "",
    answer: () => jsonAnswer(200, { ok: true }),
    take() {
      const requests = server.requests.slice(taken).map(recorded);
      taken = server.requests.length;
      return requests;
    },
    close: () => server.close(),
  };
  const server = await startLoopbackServer((seen, res) => {
    const scripted = handle.answer(recorded(seen));
    res.writeHead(scripted.status, scripted.headers);
    res.end(scripted.body);
  });
  handle.origin = server.origin;
  return handle;
}
