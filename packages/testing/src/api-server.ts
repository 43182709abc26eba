import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { apiError } from "./api-error";
import { corsHeaders, preflightHeaders, type CorsPolicy } from "./cors";
import { BodyTooLargeError, MAX_BODY_BYTES, readRequest } from "./received-request";
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

/** A request refused before it is read: the status and the message of the API-shaped error. */
export interface Refusal {
  status: number;
  message: string;
}

export interface ApiServerOptions {
  /** Which browser origins may call the server. Default `"*"`. */
  cors?: CorsPolicy;
  /** Request bodies over this many bytes are answered 413. Default `MAX_BODY_BYTES`. */
  maxBodyBytes?: number;
  /** Asked first for every request, preflights included; a refusal is answered as is. */
  refuse?: (req: IncomingMessage) => Refusal | undefined;
}

/**
 * An HTTP server that answers like the API around `answer`: CORS headers and preflights by
 * `options.cors`, 413 for bodies over the limit, 500 in the API's error shape (messages start
 * with `name`), and one abort signal per answer, registered in `control` so that `stopServer`
 * can end it.
 */
export function createApiServer(
  name: string,
  answer: ApiAnswer,
  options: ApiServerOptions = {},
): { server: Server; control: ServerControl } {
  const cors = options.cors ?? "*";
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
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
      const refusal = options.refuse?.(req);
      if (refusal) {
        // Nothing of the request is read: the connection cannot carry another one.
        sendJson(res, refusal.status, apiError(refusal.status, refusal.message), {
          connection: "close",
        });
        return;
      }
      if (req.method === "OPTIONS") {
        res.writeHead(204, preflightHeaders(req, cors)).end();
        return;
      }
      // Every answer, whoever writes it, carries the policy's CORS headers.
      for (const [header, value] of Object.entries(corsHeaders(cors, req.headers.origin))) {
        res.setHeader(header, value);
      }
      const read = await readOrRefuse(req, res, maxBodyBytes);
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
  maxBodyBytes: number,
): Promise<ReadRequest | undefined> {
  try {
    return await readRequest(req, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // The rest of the body is unread: the connection cannot carry another request.
    sendJson(res, 413, apiError(413, error.message), { connection: "close" });
    return undefined;
  }
}

/** Sends `body` as JSON in one write (CORS headers come from the server, see `createApiServer`). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
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
    headers: { "content-type": "application/json" },
    body: { kind: "bytes", bytes: Buffer.from(JSON.stringify(body)), json: true },
  };
}
