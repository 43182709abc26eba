import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the raw server received, and whether the client has gone away. */
export interface RawConnection {
  request: IncomingMessage;
  /** Resolves when the client closed the connection (or the server closed it). */
  closed: Promise<void>;
  isClosed: () => boolean;
  /** Bytes the handler managed to write before the close. */
  bytesWritten: () => number;
}

export interface RawSseServer {
  /** API base for `createOpenRouter({ baseUrl })`: `http://127.0.0.1:PORT/api/v1`. */
  url: string;
  connections: RawConnection[];
  /** The next request, as soon as it arrives. */
  nextConnection(): Promise<RawConnection>;
  close(): Promise<void>;
}

/**
 * Writes an SSE response with `write`, a loop that may run as long as the client stays: it
 * gets `alive()` to stop when the client leaves. Used where the replay server cannot tell us
 * whether the client closed its connection.
 */
export type SseHandler = (io: {
  write: (text: string) => Promise<void>;
  alive: () => boolean;
  res: ServerResponse;
}) => Promise<void>;

export async function startRawSseServer(handler: SseHandler): Promise<RawSseServer> {
  const connections: RawConnection[] = [];
  const waiting: ((c: RawConnection) => void)[] = [];
  let taken = 0;
  const server = createServer((req, res) => {
    let closed = false;
    let written = 0;
    const connection: RawConnection = {
      request: req,
      closed: once(res, "close").then(() => {
        closed = true;
      }),
      isClosed: () => closed,
      bytesWritten: () => written,
    };
    connections.push(connection);
    const waiter = waiting.shift();
    if (waiter) {
      taken++;
      waiter(connection);
    }
    req.resume();
    res.writeHead(200, { "content-type": "text/event-stream", "x-generation-id": "gen-raw-0000" });
    res.flushHeaders();
    const write = async (text: string) => {
      if (closed || res.destroyed) return;
      written += Buffer.byteLength(text);
      if (!res.write(text)) await Promise.race([once(res, "drain"), connection.closed]);
    };
    handler({ write, alive: () => !closed && !res.destroyed, res })
      .then(() => res.end())
      .catch(() => res.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    connections,
    nextConnection: () =>
      taken < connections.length
        ? Promise.resolve(connections[taken++]!)
        : new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Waits `ms` (server-side pacing only; tests never assert on durations). */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One chat chunk with the given delta text, as an SSE event. */
export function chatChunkEvent(content: string, finish: string | null = null): string {
  const chunk = {
    id: "gen-raw-0000",
    object: "chat.completion.chunk",
    created: 1767225600,
    model: "openai/gpt-4o",
    provider: "OpenAI",
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** One answer of a driven server, written by the test. */
export interface DrivenAnswer {
  connection: RawConnection;
  write: (text: string) => Promise<void>;
  /** Ends the answer; until then it stays open (silent) until the client leaves. */
  end: () => void;
}

/**
 * A raw SSE server whose answers the test writes step by step (`nextAnswer()`), so that no step
 * races a timer: the pace is the test's, not the machine's. One per test: `close()` it after.
 */
export async function startDrivenSseServer(): Promise<
  RawSseServer & { nextAnswer(): Promise<DrivenAnswer> }
> {
  const answers: DrivenAnswer[] = [];
  const waiting: ((answer: DrivenAnswer) => void)[] = [];
  const server = await startRawSseServer(async ({ write, res }) => {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const answer = { connection: server.connections.at(-1)!, write, end };
    const waiter = waiting.shift();
    if (waiter) waiter(answer);
    else answers.push(answer);
    await Promise.race([ended, once(res, "close")]);
  });
  return {
    ...server,
    nextAnswer: () =>
      answers.length > 0
        ? Promise.resolve(answers.shift()!)
        : new Promise((resolve) => waiting.push(resolve)),
  };
}
