import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createOpenRouter, OpenRouterError } from "@or/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatStream,
  ImagesStream,
  MessagesStream,
  ResponsesStream,
  StreamError,
  StreamParseError,
  streamChat,
} from "../src/index.ts";
import { TEST_KEY } from "./support/replay.ts";

/** A captive portal's page; the marker must never show in an error message. */
const PORTAL = `<!DOCTYPE html>
<html><head><title>Welcome to Airport Wi-Fi</title></head>
<body><form action="/login">data: PORTAL-MARKER-7731<input name="room"></form></body></html>`;

const answer = (body: string, type: string) =>
  new Response(body, { status: 200, headers: { "content-type": type } });

async function outcome(read: () => Promise<unknown>) {
  try {
    return { value: await read() };
  } catch (error) {
    return { error: error as Error };
  }
}

function expectParseError(error: Error | undefined, pattern: RegExp) {
  expect(error).toBeInstanceOf(StreamParseError);
  expect(error).toBeInstanceOf(OpenRouterError);
  expect((error as StreamParseError).retryable).toBe(false);
  expect(error!.message).toMatch(pattern);
  expect(error!.message).not.toContain("PORTAL-MARKER");
}

describe("a 200 answer that is not an event stream is a typed error, never a SyntaxError", () => {
  it.each([
    ["ChatStream", (r: Response) => ChatStream.fromResponse(r).finalCompletion()],
    ["ResponsesStream", (r: Response) => ResponsesStream.fromResponse(r).finalResponse()],
    ["MessagesStream", (r: Response) => MessagesStream.fromResponse(r).finalMessage()],
    ["ImagesStream", (r: Response) => ImagesStream.fromResponse(r).finalImages()],
  ])("%s: an HTML page (a captive portal) is a StreamParseError", async (_name, read) => {
    const { error } = await outcome(() => read(answer(PORTAL, "text/html; charset=utf-8")));
    expectParseError(
      error,
      /is a web page \(text\/html.*\), not an event stream: a captive portal/,
    );
  });

  it("iterating gives the same error on the first read", async () => {
    const stream = ChatStream.fromResponse(answer(PORTAL, "text/html"));
    const { error } = await outcome(async () => {
      for await (const _ of stream);
    });
    expectParseError(error, /web page/);
  });

  it("JSON holding the API's error: a StreamError with its status and message", async () => {
    const body = JSON.stringify({ error: { code: 400, message: "Token limit reached" } });
    const { error } = await outcome(() =>
      ChatStream.fromResponse(answer(body, "application/json")).finalCompletion(),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).status).toBe(400);
    expect(error!.message).toBe("400 Token limit reached");
  });

  it("JSON without an error, and HTML labelled as JSON: StreamParseError giving only a length", async () => {
    const json = JSON.stringify({ id: "gen-1", choices: [] });
    const plain = await outcome(() =>
      ChatStream.fromResponse(answer(json, "application/json")).finalCompletion(),
    );
    expectParseError(plain.error, /was JSON \(\d+ characters\), not an event stream/);
    const mislabelled = await outcome(() =>
      ChatStream.fromResponse(answer(PORTAL, "application/json")).finalCompletion(),
    );
    expectParseError(mislabelled.error, /was not valid JSON/);
  });

  it("images: a buffered answer that is HTML, or holds an error, is typed too", async () => {
    const html = await outcome(() =>
      ImagesStream.fromResponse(answer(PORTAL, "application/json")).finalImages(),
    );
    expectParseError(html.error, /not valid JSON .* not JSON with a list of images/);
    const failed = await outcome(() =>
      ImagesStream.fromResponse(
        answer(
          JSON.stringify({ error: { code: "rate_limit_exceeded", message: "Slow down" } }),
          "application/json",
        ),
      ).finalImages(),
    );
    expect(failed.error).toBeInstanceOf(StreamError);
    expect((failed.error as StreamError).status).toBe(429);
  });
});

describe("streamChat against a captive portal (HTTP)", () => {
  let portal: Server;
  let url: string;
  beforeAll(async () => {
    portal = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PORTAL);
    });
    portal.listen(0, "127.0.0.1");
    await once(portal, "listening");
    url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    portal.close();
    await once(portal, "close");
  });

  it("finalCompletion rejects with a StreamParseError that carries the response headers", async () => {
    const client = createOpenRouter({ baseUrl: url, apiKey: TEST_KEY, retry: false });
    const stream = await streamChat(client, {
      model: "openai/gpt-4o",
      messages: [{ role: "user", content: "Hi" }],
    });
    const { error } = await outcome(() => stream.finalCompletion());
    expectParseError(error, /web page/);
    expect((error as StreamParseError).headers.get("content-type")).toMatch(/text\/html/);
  });
});
