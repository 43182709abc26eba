import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { apiError } from "./api-error";
import { corsHeaders, preflightHeaders } from "./cors";
import { BodyTooLargeError, readRequest } from "./received-request";
import type { OutgoingResponse } from "./response-writer";
import type { ServerControl } from "./server-lifecycle";

/** A request read whole: what `readRequest` gives. */
export type ReadRequest = Awaited<ReturnType<typeof readRequest>>;

/**
 * Answers one request, read whole. `signal` aborts when the client goes away or the server
 * closes. A throw answers 500, or drops the connection when headers were already sent.
 */
export type ApiAnswer = (
  req: IncomingMessage,
  res: ServerResponse,
  read: ReadRequest,
  signal: AbortSignal,
) => Promise<void>;

/**
 * An HTTP server that answers like the API around `answer`: CORS preflights, 413 for bodies
 * over the limit, 500 in the API's error shape (messages start with `name`), and one abort
 * signal per answer, registered in `control` so that `stopServer` can end it.
 */
export function createApiServer(
  name: string,
  answer: ApiAnswer,
): { server: Server; control: ServerControl } {
  const control: ServerControl = { active: new Set() };
  const server = createServer((req, res) => void serve(req, res));

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    control.active.add(controller);
    res.on("close", () => {
      controller.abort();
      control.active.delete(controller);
    });
    try {
      if (req.method === "OPTIONS") {
        res.writeHead(204, preflightHeaders(req)).end();
        return;
      }
      const read = await readOrRefuse(req, res);
      if (read) await answer(req, res, read, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, apiError(500, `${name}: ${(error as Error).message}`));
    }
  }

  return { server, control };
}

/** The request read whole, or undefined once a body over the limit was answered with 413. */
async function readOrRefuse(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<ReadRequest | undefined> {
  try {
    return await readRequest(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // The rest of the body is unread: the connection cannot carry another request.
    sendJson(res, 413, apiError(413, error.message), { connection: "close" });
    return undefined;
  }
}

/** Sends `body` as JSON, with CORS headers, in one write. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...corsHeaders(),
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...extraHeaders,
  });
  res.end(text);
}

/** `body` as a JSON answer for `writeResponse`, which can apply transport faults to it. */
export function jsonResponse(status: number, body: unknown): OutgoingResponse {
  return {
    status,
    headers: { ...corsHeaders(), "content-type": "application/json" },
    body: { kind: "bytes", bytes: Buffer.from(JSON.stringify(body)), json: true },
  };
}
