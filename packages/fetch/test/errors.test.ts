import { loadFixtures } from "@or/testing";
import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  errorFromResponse,
  NotFoundError,
  OpenRouterError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  unwrap,
  type OpenRouterErrorKind,
} from "../src/index.js";
import { sendJson, startLoopbackServer } from "./support/loopback-server.js";
import { replayClient, useReplayServer } from "./support/replay.js";
import { CHAT_BODY, replayHeaders, TEST_KEY } from "./support/test-key.js";
import { createOpenRouter } from "../src/index.js";

const replay = useReplayServer();

interface Expected {
  fixture: string;
  status: number;
  kind: OpenRouterErrorKind;
  type: typeof OpenRouterError;
  retryable: boolean;
}

const CASES: Expected[] = [
  {
    fixture: "error-400",
    status: 400,
    kind: "bad_request",
    type: BadRequestError,
    retryable: false,
  },
  {
    fixture: "error-401",
    status: 401,
    kind: "unauthorized",
    type: AuthenticationError,
    retryable: false,
  },
  {
    fixture: "error-402",
    status: 402,
    kind: "payment_required",
    type: PaymentRequiredError,
    retryable: false,
  },
  {
    fixture: "error-402-in-flight",
    status: 402,
    kind: "payment_required",
    type: PaymentRequiredError,
    retryable: true,
  },
  {
    fixture: "error-403",
    status: 403,
    kind: "forbidden",
    type: PermissionDeniedError,
    retryable: false,
  },
  { fixture: "error-404", status: 404, kind: "not_found", type: NotFoundError, retryable: false },
  {
    fixture: "error-408",
    status: 408,
    kind: "request_timeout",
    type: RequestTimeoutError,
    retryable: true,
  },
  {
    fixture: "error-429",
    status: 429,
    kind: "rate_limited",
    type: RateLimitError,
    retryable: true,
  },
  { fixture: "error-502", status: 502, kind: "server", type: ServerError, retryable: true },
  { fixture: "error-502-html", status: 502, kind: "server", type: ServerError, retryable: true },
  { fixture: "error-503", status: 503, kind: "server", type: ServerError, retryable: true },
  { fixture: "error-524", status: 524, kind: "server", type: ServerError, retryable: true },
  { fixture: "error-529", status: 529, kind: "server", type: ServerError, retryable: true },
];

const recorded = new Map(
  loadFixtures()
    .filter((f) => f.operationId === "sendChatCompletionRequest")
    .map((f) => [f.name, f]),
);

test("every error fixture of the chat operation is covered", () => {
  const names = [...recorded.keys()].filter((n) => n.startsWith("error-")).sort();
  expect(names).toEqual(CASES.map((c) => c.fixture).sort());
});

/** The message the fixture's JSON body holds (the HTML one has none). */
const bodyMessage = (name: string) =>
  (recorded.get(name)?.response.body as { error?: { message?: string } } | undefined)?.error
    ?.message;

const send = (fixture: string, throwOnError = false) => {
  const { client } = replayClient(replay.server, { retry: false, throwOnError });
  return client.POST("/chat/completions", {
    body: CHAT_BODY,
    headers: replayHeaders({ fixture: `sendChatCompletionRequest/${fixture}` }),
  });
};

describe.each(CASES)("$fixture", ({ fixture, status, kind, type, retryable }) => {
  test("result style: `error` is the API's error object, `data` is absent", async () => {
    const { data, error, response } = await send(fixture);
    expect(data).toBeUndefined();
    expect(response.status).toBe(status);
    expect(typeof error).toBe("object");
    expect(error?.error.code).toBe(status);
    if (bodyMessage(fixture)) expect(error?.error.message).toBe(bodyMessage(fixture));
  });

  test("throwing style (throwOnError): the typed subclass with status, code, kind, metadata", async () => {
    const failure = await send(fixture, true).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(type);
    expect(failure).toBeInstanceOf(OpenRouterError);
    expect(failure).toBeInstanceOf(Error);
    const error = failure as OpenRouterError;
    expect(error).toMatchObject({ status, code: status, kind, retryable });
    expect(error.name).toBe(type.name);
    expect(error.message.startsWith(`${status} `)).toBe(true);
    if (bodyMessage(fixture)) expect(error.message).toContain(bodyMessage(fixture));
    expect(error.headers.get("x-or-fixture")).toBe(`sendChatCompletionRequest/${fixture}`);
  });

  test("unwrap throws the same error as throwOnError", async () => {
    const failure = await unwrap(send(fixture)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(type);
    expect(failure).toMatchObject({ status, kind, retryable });
  });
});

describe("what the errors tell", () => {
  test("the provider's raw error is in metadata and shown in the message", async () => {
    const error = (await send("error-502", true).catch((e: unknown) => e)) as ServerError;
    expect(error.metadata?.provider_name).toBe("OpenAI");
    expect(error.metadata?.raw).toContain("The server had an error while processing your request.");
    expect(error.message).toBe(
      `502 Provider returned error (provider error from OpenAI: ${error.metadata?.raw as string})`,
    );
  });

  test("moderation reasons and limit sources are in metadata", async () => {
    const forbidden = (await send("error-403", true).catch(
      (e: unknown) => e,
    )) as PermissionDeniedError;
    expect(forbidden.metadata?.reasons).toEqual(["harassment"]);
    const payment = (await send("error-402", true).catch(
      (e: unknown) => e,
    )) as PaymentRequiredError;
    expect(payment.metadata?.limit_source).toBe("openrouter_credits");
  });

  test("an HTML 502 becomes a proper error object, not a string", async () => {
    const { error } = await send("error-502-html");
    expect(error).toEqual({
      error: {
        code: 502,
        message:
          "The server answered 502 with a non-JSON body (text/html; charset=utf-8): 502 Bad Gateway",
        metadata: {
          body: expect.stringContaining("<h1>502 Bad Gateway</h1>"),
          content_type: "text/html; charset=utf-8",
        },
      },
    });
    const thrown = (await send("error-502-html", true).catch((e: unknown) => e)) as ServerError;
    expect(thrown.message).toBe(
      "502 The server answered 502 with a non-JSON body (text/html; charset=utf-8): 502 Bad Gateway",
    );
  });

  test("Retry-After of a 429 is read as retryAfterMs", async () => {
    const error = (await send("error-429", true).catch((e: unknown) => e)) as RateLimitError;
    expect(error.retryAfterMs).toBe(2000);
    expect(error.toJSON()).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 2000 });
  });

  test("generationId, requestId and headers come from the answer", async () => {
    const server = await startLoopbackServer((_, res) =>
      sendJson(
        res,
        429,
        { error: { code: 429, message: "Slow down." } },
        {
          "x-generation-id": "gen-42",
          "x-request-id": "req-7",
          "retry-after-ms": "250",
          "x-ratelimit-remaining": "0",
        },
      ),
    );
    try {
      const client = createOpenRouter({
        apiKey: TEST_KEY,
        baseUrl: server.origin,
        retry: false,
        throwOnError: true,
      });
      const error = (await client.GET("/credits").catch((e: unknown) => e)) as RateLimitError;
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({
        generationId: "gen-42",
        requestId: "req-7",
        retryAfterMs: 250,
      });
      expect(error.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(JSON.parse(JSON.stringify(error))).toEqual({
        name: "RateLimitError",
        kind: "rate_limited",
        message: "429 Slow down.",
        status: 429,
        code: 429,
        generationId: "gen-42",
        requestId: "req-7",
        retryable: true,
        retryAfterMs: 250,
      });
    } finally {
      await server.close();
    }
  });

  test("an empty error body still gives a typed error with the status", async () => {
    const server = await startLoopbackServer((_, res) => void res.writeHead(503).end());
    try {
      const client = createOpenRouter({ apiKey: TEST_KEY, baseUrl: server.origin, retry: false });
      const { error, response } = await client.GET("/credits");
      expect(response.status).toBe(503);
      expect(error?.error.code).toBe(503);
      expect(error?.error.message).toBe(
        "The server answered 503 with a non-JSON body (no content type)",
      );
      expect(() => {
        throw errorFromResponse(response, error);
      }).toThrow(ServerError);
    } finally {
      await server.close();
    }
  });

  test("another status outside the table is a plain OpenRouterError of kind http", async () => {
    const { server } = replay;
    server.addFault({
      fault: { type: "status-sequence", statuses: [418] },
      match: { path: "/credits" },
    });
    const { client } = replayClient(server, { throwOnError: true });
    const failure = await client.GET("/credits").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenRouterError);
    expect(failure).toMatchObject({
      kind: "http",
      status: 418,
      retryable: false,
      name: "OpenRouterError",
    });
  });

  test("throwOnError leaves successes alone", async () => {
    const { client } = replayClient(replay.server, { throwOnError: true });
    const { data } = await client.GET("/credits");
    expect(data.data.total_credits).toBeTypeOf("number");
  });
});
