import { once } from "node:events";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { apiError } from "./api-error";
import { createApiServer, sendJson, type ApiAnswer, type ApiServerOptions } from "./api-server";
import { checkOrigins } from "./cors";
import type { Fixture, FixtureRequest, FixtureResponse } from "./fixture-format";
import { fixtureKey, fixtureProblems } from "./fixtures";
import { isSubset } from "./matching";
import { operationIdResolver, type OperationIdFor, type SpecPaths } from "./operation-ids";
import {
  emptyRedactionState,
  findSecrets,
  redactFixture,
  redactText,
  type RedactionState,
} from "./redaction";
import { countOption, portOption } from "./option-checks";
import { apiRelativePath, MAX_BODY_BYTES, type ReceivedRequest } from "./received-request";
import {
  bearerOf as bearerTokenOf,
  browserRefusal,
  carriesToken,
  MISSING_TOKEN_MESSAGE,
  RECORDER_TOKEN_HEADER,
  recorderToken,
} from "./recorder-access";
import { listen, stopServer } from "./server-lifecycle";
import { parseSse } from "./sse-parser";

/** Where the recorder forwards to unless told otherwise. */
export const DEFAULT_UPSTREAM = "https://openrouter.ai/api/v1";

/** What a recording needs: where to forward, where to write, and how to name operations. */
export interface RecordOptions {
  /** The API base to forward to. Default `https://openrouter.ai/api/v1`. */
  upstream?: string;
  /** Fixtures are written to `<fixturesDir>/<operationId>/<name>.json`. */
  fixturesDir: string;
  /**
   * The real key. It replaces the `Authorization` of requests that carry the recorder token on
   * the way upstream, and is hidden wherever it appears in what is written.
   */
  apiKey?: string;
  /**
   * The recorder-local token every request must carry (as its bearer token, or in an
   * `x-or-recorder-token` header) to be forwarded; others get 401 and never reach the upstream.
   * Default: a random token, on `recorder.token`. At least 16 visible ASCII characters.
   */
  token?: string;
  /**
   * Web origins (`https://app.example:8443`) allowed to call from a browser. Default none:
   * requests with any `Origin` header are refused and no CORS header is sent.
   */
  allowedOrigins?: readonly string[];
  /** An OpenAPI document: operations are named from its paths (method + path template). */
  spec?: SpecPaths;
  /** Names the operation of a request; falls back to `spec`, then to a table of common routes. */
  operationIdFor?: OperationIdFor;
  /**
   * Answers longer than this many bytes still stream through to the client, but are not kept
   * nor written (a problem says so). Default 64 MiB.
   */
  maxRecordedBytes?: number;
}

/** Default of `maxRecordedBytes`: 64 MiB. */
export const DEFAULT_MAX_RECORDED_BYTES = 64 * 1024 * 1024;

export interface RecorderOptions extends RecordOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Request bodies over this many bytes are answered 413. Default 64 MiB. */
  maxBodyBytes?: number;
}

/** A fixture the recorder wrote, and where. */
export interface RecordedFixture {
  file: string;
  fixture: Fixture;
}

export interface Recorder {
  /** Use as the client's base URL: `http://127.0.0.1:PORT/api/v1`. */
  url: string;
  port: number;
  /** The token requests must carry: use it as the client's API key. */
  token: string;
  /** Every fixture written, in order. */
  recorded: RecordedFixture[];
  /** Interactions that were forwarded but not written, and why. */
  problems: string[];
  close(): Promise<void>;
}

/** `OR_RECORD=1` without `OPENROUTER_API_KEY`, or another recording setup that cannot work. */
export class RecordConfigError extends Error {
  override name = "RecordConfigError";
}

/**
 * Record mode from the environment: `OR_RECORD=1` with `OPENROUTER_API_KEY` set. `OR_RECORD_UPSTREAM`
 * overrides the upstream, `OR_RECORD_DIR` the output folder (default `./recorded-fixtures`),
 * `OR_RECORDER_TOKEN` the token requests must carry (default: a random one).
 * Undefined when `OR_RECORD` is not `1`.
 * @example
 * const record = recordOptionsFromEnv(); // { apiKey, upstream, fixturesDir, token? } or undefined
 */
export function recordOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): RecordOptions | undefined {
  if (env.OR_RECORD !== "1") return undefined;
  const apiKey = env.OPENROUTER_API_KEY;
  if (!apiKey) throw new RecordConfigError("OR_RECORD=1 needs OPENROUTER_API_KEY to be set");
  return {
    apiKey,
    upstream: env.OR_RECORD_UPSTREAM || DEFAULT_UPSTREAM,
    fixturesDir: env.OR_RECORD_DIR || join(process.cwd(), "recorded-fixtures"),
    ...(env.OR_RECORDER_TOKEN && {
      token: recorderToken(env.OR_RECORDER_TOKEN, "OR_RECORDER_TOKEN"),
    }),
  };
}

/**
 * A recording proxy on 127.0.0.1: forwards every request below `/api/v1` to the upstream, streams
 * the answer back untouched, and writes one redacted fixture per interaction.
 * @example
 * const recorder = await startRecorder({ fixturesDir: "fixtures", apiKey: process.env.OPENROUTER_API_KEY });
 * // The recorder token stands in for the key: only requests carrying it reach the upstream.
 * await fetch(`${recorder.url}/models`, { headers: { authorization: `Bearer ${recorder.token}` } });
 * await recorder.close(); // recorder.recorded[0].file === "fixtures/getModels/success.json"
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const proxy = new RecordingProxy(options);
  const maxBodyBytes = countOption(options.maxBodyBytes, "maxBodyBytes", MAX_BODY_BYTES, 1);
  const listenPort = portOption(options.port);
  const host = options.host ?? "127.0.0.1";
  let port = 0;
  const answer: ApiAnswer = async (_req, res, read, signal) => {
    const { received, raw, url } = read;
    if (apiRelativePath(url.pathname) === undefined) {
      const message = `The recorder serves the API under /api/v1, not ${url.pathname}`;
      return sendJson(res, 404, apiError(404, message));
    }
    await proxy.handle(res, received, raw, url.search, signal);
  };
  // The port is known once listening; the Host check asks for it per request.
  const { server, control } = createApiServer("recorder", answer, {
    ...proxy.serverOptions(() => ({ host, port })),
    maxBodyBytes,
  });

  const listening = await listen(server, listenPort, host);
  port = listening.port;
  return {
    url: listening.url,
    port,
    token: proxy.token,
    recorded: proxy.recorded,
    problems: proxy.problems,
    close: () => stopServer(server, control),
  };
}

/** Headers that describe one hop of the connection, not the message: never forwarded or written. */
const HOP_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-connection",
  "content-length",
  "content-encoding",
  "accept-encoding",
  "x-or-fixture",
  "x-or-fault",
  RECORDER_TOKEN_HEADER,
]);

/**
 * Forwards requests and records each interaction as a fixture. Used by `startRecorder` and by
 * `startReplayServer` in record mode.
 */
export class RecordingProxy {
  readonly recorded: RecordedFixture[] = [];
  readonly problems: string[] = [];
  /** The token requests must carry to be forwarded. */
  readonly token: string;
  private readonly allowedOrigins: readonly string[];
  private readonly maxRecordedBytes: number;
  private redaction: RedactionState = emptyRedactionState;
  private readonly upstream: string;
  private readonly operationIdFor: (method: string, path: string) => string;

  constructor(private readonly options: RecordOptions) {
    if (!options.fixturesDir) throw new RecordConfigError("recording needs a fixturesDir");
    this.token = recorderToken(options.token);
    this.maxRecordedBytes = countOption(
      options.maxRecordedBytes,
      "maxRecordedBytes",
      DEFAULT_MAX_RECORDED_BYTES,
    );
    this.allowedOrigins = checkOrigins(options.allowedOrigins ?? [], "allowedOrigins");
    this.upstream = (options.upstream ?? DEFAULT_UPSTREAM).replace(/\/+$/, "");
    try {
      new URL(this.upstream);
    } catch {
      throw new RecordConfigError(`upstream is not a URL: ${this.upstream}`);
    }
    const fromSpec = operationIdResolver(options.spec);
    this.operationIdFor = (method, path) =>
      options.operationIdFor?.(method, path) ?? fromSpec(method, path);
  }

  /**
   * What a server that forwards through this proxy must refuse: browsers from other origins, and
   * a `Host` other than its own loopback address (`where` tells it once listening).
   */
  serverOptions(where: () => { host: string; port: number }): ApiServerOptions {
    return { cors: this.allowedOrigins, refuse: browserRefusal(this.allowedOrigins, where) };
  }

  /**
   * Forwards one request (path below the API base, `search` as received) and records it. A
   * request without the recorder token is answered 401 here and goes nowhere.
   */
  async handle(
    res: ServerResponse,
    received: ReceivedRequest,
    raw: Buffer,
    search: string,
    signal: AbortSignal,
  ): Promise<void> {
    if (!carriesToken(received.headers, this.token)) {
      received.status = 401;
      return sendJson(res, 401, apiError(401, MISSING_TOKEN_MESSAGE));
    }
    const target = `${this.upstream}${received.path}${search}`;
    let upstream: Response;
    try {
      upstream = await fetch(target, {
        method: received.method,
        headers: this.forwardHeaders(received.headers),
        ...(raw.length > 0 && { body: Uint8Array.from(raw) }),
        redirect: "manual",
        signal,
      });
    } catch (error) {
      if (signal.aborted) return;
      const reason = `upstream ${new URL(target).origin} unreachable (${causeOf(error)})`;
      this.problems.push(this.safe(received, `${reason}; not recorded`));
      sendJson(res, 502, apiError(502, `recorder: ${reason}`));
      return;
    }
    received.status = upstream.status;
    const body = await this.passThrough(res, upstream, signal);
    if (typeof body === "string") {
      this.problems.push(this.safe(received, `${body}; not recorded`));
      return;
    }
    try {
      await this.record(received, raw, upstream, body);
    } catch (error) {
      // The client has its answer: what went wrong belongs in the problems, not in a 500.
      this.problems.push(this.safe(received, `not recorded: ${(error as Error).message}`));
    }
  }

  private forwardHeaders(headers: Record<string, string>): Headers {
    const out = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (!HOP_HEADERS.has(name) && !name.startsWith("proxy-")) out.set(name, value);
    }
    // An uncompressed answer is what clients get through us and what fixtures hold.
    out.set("accept-encoding", "identity");
    if (this.options.apiKey && out.has("authorization")) {
      out.set("authorization", `Bearer ${this.options.apiKey}`);
    } else if (bearerTokenOf(headers.authorization) === this.token) {
      // Without a key to put in its place, the token itself never leaves the machine.
      out.delete("authorization");
    }
    return out;
  }

  /**
   * Streams the upstream answer to the client as it arrives. The bytes, for the fixture; or why
   * there are none: the client went away, the upstream broke off, or the answer is over
   * `maxRecordedBytes` (the client still gets all of it; the recorder stops keeping it).
   */
  private async passThrough(
    res: ServerResponse,
    upstream: Response,
    signal: AbortSignal,
  ): Promise<Buffer | string> {
    // Own properties only: a header named `__proto__` stays a header. The upstream's CORS answer
    // is not ours: the server sets its own policy's headers.
    const headers: Record<string, string | string[]> = Object.fromEntries(
      [...upstream.headers].filter(
        ([name]) =>
          !HOP_HEADERS.has(name) && name !== "set-cookie" && !name.startsWith("access-control-"),
      ),
    );
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    res.writeHead(upstream.status, headers);
    res.flushHeaders();
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    const reader = upstream.body?.getReader();
    const cut = "the client went away mid-answer";
    try {
      for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
        const bytes = Buffer.from(next.value);
        size += bytes.length;
        if (size > this.maxRecordedBytes) chunks = undefined;
        chunks?.push(bytes);
        if (!res.write(bytes)) await once(res, "drain", { signal });
        if (signal.aborted) return cut;
      }
    } catch (error) {
      if (signal.aborted) return cut;
      res.destroy();
      return `the upstream broke off mid-answer (${causeOf(error)})`;
    }
    res.end();
    if (!chunks) return `the answer is over maxRecordedBytes (${this.maxRecordedBytes} bytes)`;
    return Buffer.concat(chunks);
  }

  private async record(
    received: ReceivedRequest,
    raw: Buffer,
    upstream: Response,
    body: Buffer,
  ): Promise<void> {
    const request = await fixtureRequest(received, raw);
    const response = fixtureResponse(upstream, body);
    const draft: Fixture = {
      name: "draft",
      operationId: "draft",
      description: `Recorded from ${new URL(this.upstream).host}: ${received.method} ${received.path} answered ${upstream.status}.`,
      request,
      response,
    };
    const secrets = this.secretsOf(received);
    const { fixture, state } = redactFixture(draft, this.redaction, { secrets });
    this.redaction = state;
    // Named from the redacted path: a key in the path never reaches a name or a folder.
    const operationId = this.operationIdFor(received.method, fixture.request.path);
    fixture.operationId = operationId;
    fixture.name = this.uniqueName(operationId, baseName(upstream.status, response));
    if (upstream.status >= 400 || this.hasImplicitTwin(fixture)) fixture.request.explicit = true;
    this.write(fixture, secrets);
  }

  /** The secrets of one interaction: the real key, the token and the client's bearer token. */
  private secretsOf(received: ReceivedRequest): string[] {
    const key = this.options.apiKey ? [this.options.apiKey] : [];
    return [...key, this.token, ...bearerOf(received.headers)];
  }

  /** A problem about a request, redacted like a fixture: paths can hold keys too. */
  private safe(received: ReceivedRequest, problem: string): string {
    const line = `${received.method} ${received.path}: ${problem}`;
    const { text, state } = redactText(line, this.redaction, { secrets: this.secretsOf(received) });
    this.redaction = state;
    return text;
  }

  private write(fixture: Fixture, secrets: string[]): void {
    const where = `${fixture.request.method} ${fixture.request.path}`; // redacted already
    const text = JSON.stringify(fixture, null, 2) + "\n";
    const leaked = findSecrets(text, secrets);
    if (leaked.length > 0) {
      this.problems.push(
        `${where}: refused to write ${fixtureKey(fixture)}: a secret survived redaction`,
      );
      return;
    }
    const problems = fixtureProblems(fixture);
    if (problems.length > 0) {
      this.problems.push(
        `${where}: refused to write ${fixtureKey(fixture)}: ${problems.join("; ")}`,
      );
      return;
    }
    const folder = join(this.options.fixturesDir, fixture.operationId);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${fixture.name}.json`);
    writeFileSync(file, text);
    this.recorded.push({ file, fixture });
  }

  private uniqueName(operationId: string, base: string): string {
    const taken = (name: string) =>
      existsSync(join(this.options.fixturesDir, operationId, `${name}.json`)) ||
      this.recorded.some((r) => fixtureKey(r.fixture) === `${operationId}/${name}`);
    let name = base;
    for (let n = 2; taken(name); n++) name = `${base}-${n}`;
    return name;
  }

  /** A non-explicit fixture that would answer the same requests, written before or now. */
  private hasImplicitTwin(fixture: Fixture): boolean {
    const folder = join(this.options.fixturesDir, fixture.operationId);
    const existing = existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith(".json"))
          .flatMap((f) => readJson(join(folder, f)))
      : [];
    return [...existing, ...this.recorded.map((r) => r.fixture)].some(
      (other) =>
        other.operationId === fixture.operationId &&
        !other.request.explicit &&
        other.request.method === fixture.request.method &&
        other.request.path === fixture.request.path &&
        sameConstraint(other.request.query, fixture.request.query) &&
        sameConstraint(other.request.bodyMatch, fixture.request.bodyMatch),
    );
  }
}

async function fixtureRequest(received: ReceivedRequest, raw: Buffer): Promise<FixtureRequest> {
  const headers = Object.fromEntries(
    Object.entries(received.headers).filter(
      ([name]) => !HOP_HEADERS.has(name) && !name.startsWith("proxy-"),
    ),
  );
  const body = await requestBody(received, raw);
  const streaming = (body as { stream?: unknown } | undefined)?.stream === true;
  return {
    method: received.method as FixtureRequest["method"],
    path: received.path,
    ...(Object.keys(received.query).length > 0 && { query: received.query }),
    headers,
    ...(body !== undefined && { body }),
    ...(streaming && { bodyMatch: { stream: true } }),
    ...(!received.headers.authorization && (received.status ?? 500) < 400 && { auth: false }),
  };
}

/** JSON as parsed; multipart as its text fields (files named, not stored); other text as is. */
async function requestBody(received: ReceivedRequest, raw: Buffer): Promise<unknown> {
  if (received.body !== undefined) return received.body;
  if (received.bodyText === "") return undefined;
  const type = received.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) return received.bodyText;
  let form: FormData;
  try {
    form = await new Response(Uint8Array.from(raw), {
      headers: { "content-type": type },
    }).formData();
  } catch {
    // Not the multipart it says it is: keep the text, which is what was sent.
    return received.bodyText;
  }
  // Field names come from the wire: own properties only, never a prototype.
  return Object.fromEntries(
    [...form].map(([name, value]) => [
      name,
      typeof value === "string"
        ? value
        : `<file ${value.name}, ${value.size} bytes, ${value.type}>`,
    ]),
  );
}

function fixtureResponse(upstream: Response, body: Buffer): FixtureResponse {
  const headers: Record<string, string> = Object.fromEntries(
    [...upstream.headers].filter(([name]) => !HOP_HEADERS.has(name) && name !== "date"),
  );
  const response: FixtureResponse = { status: upstream.status, headers };
  if (body.length === 0) return response;
  const type = headers["content-type"] ?? "";
  if (type.startsWith("text/event-stream")) {
    const { items, lineEnding } = parseSse(body.toString("utf8"));
    return { ...response, sse: items, ...(lineEnding !== "\n" && { lineEnding }) };
  }
  if (/json/i.test(type)) {
    try {
      return { ...response, body: JSON.parse(body.toString("utf8")) };
    } catch {
      // Declared JSON but is not: keep the text so the fixture shows what really came back.
    }
  }
  if (/^text\/|json|xml|javascript|x-www-form-urlencoded/i.test(type)) {
    return { ...response, text: body.toString("utf8") };
  }
  return { ...response, text: body.toString("base64"), encoding: "base64" };
}

function baseName(status: number, response: FixtureResponse): string {
  if (status >= 400) return `error-${status}`;
  return response.sse ? "recorded-stream" : "recorded";
}

function sameConstraint(a: object | undefined, b: object | undefined): boolean {
  return isSubset(a ?? {}, b ?? {}) && isSubset(b ?? {}, a ?? {});
}

function readJson(file: string): Fixture[] {
  try {
    return [JSON.parse(readFileSync(file, "utf8")) as Fixture];
  } catch {
    return [];
  }
}

function bearerOf(headers: Record<string, string>): string[] {
  const token = (headers.authorization ?? "").replace(/^\s*bearer\s+/i, "").trim();
  return token.length >= 8 ? [token] : [];
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
