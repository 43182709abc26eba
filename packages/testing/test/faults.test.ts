import { describe, expect, it } from "vitest";
import { FaultError } from "../src/faults";
import type { Fault, Fixture, SseItem } from "../src/fixture-format";
import { startReplayServer, type ReplayServer } from "../src/replay-server";
import { encodeSseItem } from "../src/sse-writer";
import {
  AUTH,
  eventually,
  readRaw,
  readUntil,
  testFixtures,
  testFixture as fixture,
  useTestServer,
} from "./replay-client";

let server: ReplayServer;

useTestServer((started) => (server = started));
const streamItems = fixture("sendChatCompletionRequest/stream").response.sse as SseItem[];
const streamText = streamItems.map((item) => encodeSseItem(item)).join("");
const chatJson = JSON.stringify(fixture("sendChatCompletionRequest/success").response.body);

/** A request with per-request faults in the `x-or-fault` header. */
function withFaults(
  faults: Fault | Fault[],
  init: { stream?: boolean; path?: string; signal?: AbortSignal } = {},
) {
  const path = init.path ?? "/chat/completions";
  return fetch(`${server.url}${path}`, {
    method: path === "/chat/completions" ? "POST" : "GET",
    headers: { ...AUTH, "x-or-fault": JSON.stringify(faults) },
    ...(path === "/chat/completions" && { body: JSON.stringify({ stream: init.stream ?? false }) }),
    ...(init.signal && { signal: init.signal }),
  });
}

const credits = (headers: Record<string, string> = {}) =>
  fetch(`${server.url}/credits`, { headers: { ...AUTH, ...headers } });

describe("status-sequence", () => {
  it("answers the first matching requests with the statuses, then serves the fixture", async () => {
    server.addFault({
      fault: {
        type: "status-sequence",
        statuses: [503, 503, 200],
        retryAfter: "2",
        retryAfterMs: 1500,
      },
      match: { operationId: "getCredits" },
    });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await credits();
      answers.push({
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        retryAfterMs: res.headers.get("retry-after-ms"),
        body: await res.json(),
      });
    }
    const unavailable = {
      status: 503,
      retryAfter: "2",
      retryAfterMs: "1500",
      body: fixture("getCredits/error-503").response.body,
    };
    const ok = {
      status: 200,
      retryAfter: null,
      retryAfterMs: null,
      body: fixture("getCredits/success").response.body,
    };
    expect(answers).toEqual([unavailable, unavailable, ok, ok]);
    expect(server.requests.map((r) => r.fixture)).toEqual([
      "getCredits/error-503",
      "getCredits/error-503",
      "getCredits/success",
      "getCredits/success",
    ]);
  });

  it("uses a generic body in the API's shape when the operation has no fixture for the status", async () => {
    server.addFault({
      fault: { type: "status-sequence", statuses: [429] },
      match: { path: "/models" },
    });
    const res = await fetch(`${server.url}/models`, { headers: AUTH });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      error: { code: 429, message: "Status 429 injected by a status-sequence fault." },
    });
    // The rule matched /models only.
    expect((await credits()).status).toBe(200);
  });

  it("in a header starts afresh on every request: sequences across requests are for rules", async () => {
    const fault: Fault = { type: "status-sequence", statuses: [502, 200] };
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await credits({ "x-or-fault": JSON.stringify(fault) })).status);
    expect(statuses).toEqual([502, 502, 502]);
  });

  it("counts a fixture's own faults across requests", async () => {
    const flaky: Fixture = {
      ...fixture("getCredits/success"),
      faults: [{ type: "status-sequence", statuses: [500, 200] }],
    };
    const own = await startReplayServer({ fixtures: [flaky], record: false });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await fetch(`${own.url}/credits`, { headers: AUTH })).status);
      expect(statuses).toEqual([500, 200, 200]);
      own.reset();
      expect((await fetch(`${own.url}/credits`, { headers: AUTH })).status).toBe(500);
    } finally {
      await own.close();
    }
  });
});

describe("rules", () => {
  it("apply `times` times, then stop; reset() restores the rules given at start", async () => {
    const own = await startReplayServer({
      fixtures: testFixtures(),
      record: false,
      faults: [
        {
          fault: { type: "status-sequence", statuses: [500] },
          match: { fixture: "getCredits/success" },
          times: 1,
        },
      ],
    });
    try {
      const get = async () => (await fetch(`${own.url}/credits`, { headers: AUTH })).status;
      expect([await get(), await get()]).toEqual([500, 200]);
      own.addFault({
        fault: { type: "status-sequence", statuses: [418] },
        match: { method: "get" },
      });
      expect(await get()).toBe(418);
      own.reset();
      expect([await get(), await get()]).toEqual([500, 200]);
    } finally {
      await own.close();
    }
  });

  it("are checked: a bad fault or count is a FaultError", async () => {
    const bad = [
      { fault: { type: "explode" } },
      { fault: { type: "split-bytes", size: 0 } },
      { fault: { type: "status-sequence", statuses: [100] } },
      { fault: { type: "truncate" }, times: 0 },
      { fault: { type: "truncate" }, match: { route: "/x" } },
    ];
    for (const rule of bad) {
      await expect(
        startReplayServer({ fixtures: [], record: false, faults: [rule as never] }),
      ).rejects.toThrow(FaultError);
      expect(() => server.addFault(rule as never)).toThrow(FaultError);
    }
  });

  it("answers a malformed x-or-fault header with 400", async () => {
    const notJson = await credits({ "x-or-fault": "{type:" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toContain(
      "not JSON",
    );
    const unknown = await credits({ "x-or-fault": '[{"type":"truncate"},{"type":"melt"}]' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      "item 1",
    );
  });
});

describe("delay-headers", () => {
  it("holds the headers back: a client that gives up first never sees them", async () => {
    const controller = new AbortController();
    const pending = withFaults(
      { type: "delay-headers", ms: 60_000 },
      { path: "/credits", signal: controller.signal },
    );
    // The request reached the server (waited for, not slept on), and its headers are held back.
    await eventually(() => server.requests.length === 1, "the request reached the server");
    expect(server.requests).toHaveLength(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it("then answers normally", async () => {
    const res = await withFaults({ type: "delay-headers", ms: 20 }, { path: "/credits" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(fixture("getCredits/success").response.body);
    expect(server.requests[0]?.faults).toEqual([{ type: "delay-headers", ms: 20 }]);
  });
});

describe("stall", () => {
  it("stops a stream after some items until the client gives up", async () => {
    const controller = new AbortController();
    const res = await withFaults(
      { type: "stall", afterItems: 2 },
      { stream: true, signal: controller.signal },
    );
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const text = await readUntil(reader, (t) => t.includes('"Hel"'));
    expect(text).toBe(
      streamItems
        .slice(0, 2)
        .map((item) => encodeSseItem(item))
        .join(""),
    );
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it("stops a JSON body after some bytes", async () => {
    const controller = new AbortController();
    const res = await withFaults({ type: "stall", afterBytes: 5 }, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const text = await readUntil(reader, (t) => t.length >= 5);
    expect(text).toBe(chatJson.slice(0, 5));
    controller.abort();
  });

  it("with ms resumes and delivers every byte", async () => {
    const stream = await readRaw(
      await withFaults({ type: "stall", afterItems: 1, ms: 20 }, { stream: true }),
    );
    expect(stream.text).toBe(streamText);
    const json = await readRaw(await withFaults({ type: "stall", afterBytes: 10, ms: 20 }));
    expect(json.text).toBe(chatJson);
  });
});

describe("resets", () => {
  it("reset-before-headers: the client gets a network error and no status", async () => {
    await expect(
      withFaults({ type: "reset-before-headers" }, { path: "/credits" }),
    ).rejects.toThrow(/fetch failed/);
    expect(server.requests[0]?.status).toBeUndefined();
    expect(server.requests[0]?.faults).toEqual([{ type: "reset-before-headers" }]);
  });

  it("reset-mid-stream after items: the items arrive, then the body fails", async () => {
    const res = await withFaults({ type: "reset-mid-stream", afterItems: 3 }, { stream: true });
    expect(res.status).toBe(200);
    const read = await readRaw(res);
    expect(read.text).toBe(
      streamItems
        .slice(0, 3)
        .map((item) => encodeSseItem(item))
        .join(""),
    );
    expect(read.error).toBeInstanceOf(Error);
  });

  it("reset-mid-stream after bytes, on a JSON body", async () => {
    const res = await withFaults({ type: "reset-mid-stream", afterBytes: 7 });
    const read = await readRaw(res);
    expect(read.text).toBe(chatJson.slice(0, 7));
    expect(read.error).toBeInstanceOf(Error);
  });

  it("reset-mid-stream by default cuts a JSON body in half", async () => {
    const read = await readRaw(await withFaults({ type: "reset-mid-stream" }));
    expect(read.text).toBe(chatJson.slice(0, Math.floor(chatJson.length / 2)));
    expect(read.error).toBeDefined();
  });
});

describe("truncate", () => {
  it("ends the stream cleanly without [DONE]", async () => {
    const read = await readRaw(await withFaults({ type: "truncate" }, { stream: true }));
    expect(read.error).toBeUndefined();
    expect(read.text).toBe(
      streamItems
        .slice(0, -1)
        .map((item) => encodeSseItem(item))
        .join(""),
    );
    expect(read.text).not.toContain("[DONE]");
  });

  it("after a number of items", async () => {
    const read = await readRaw(
      await withFaults({ type: "truncate", afterItems: 2 }, { stream: true }),
    );
    expect(read.error).toBeUndefined();
    expect(read.text).toBe(
      streamItems
        .slice(0, 2)
        .map((item) => encodeSseItem(item))
        .join(""),
    );
  });

  it("cuts a JSON body in half, with a matching content-length", async () => {
    const res = await withFaults({ type: "truncate" });
    expect(res.headers.get("content-length")).toBe(String(Math.floor(chatJson.length / 2)));
    expect(await res.text()).toBe(chatJson.slice(0, Math.floor(chatJson.length / 2)));
  });
});

describe("split-bytes", () => {
  it("size 1 writes every byte on its own: many chunks, identical bytes", async () => {
    const read = await readRaw(
      await withFaults({ type: "split-bytes", size: 1 }, { stream: true }),
    );
    expect(read.text).toBe(streamText);
    // Bytes written one at a time reach the client in many reads, not one or two.
    expect(read.chunks.length).toBeGreaterThan(streamText.length / 4);
  });

  it("works on JSON bodies and with larger pieces", async () => {
    const json = await readRaw(await withFaults({ type: "split-bytes", size: 1 }));
    expect(json.text).toBe(chatJson);
    expect(json.chunks.length).toBeGreaterThan(chatJson.length / 4);
    const pieces = await readRaw(
      await withFaults({ type: "split-bytes", size: 7 }, { stream: true }),
    );
    expect(pieces.text).toBe(streamText);
    expect(pieces.chunks.length).toBeGreaterThan(1);
  });

  it("combines with other faults: split bytes, then a reset mid-stream", async () => {
    const read = await readRaw(
      await withFaults(
        [
          { type: "split-bytes", size: 3 },
          { type: "reset-mid-stream", afterBytes: 50 },
        ],
        { stream: true },
      ),
    );
    expect(read.text).toBe(streamText.slice(0, 50));
    expect(read.error).toBeDefined();
  });
});

describe("malformed-json", () => {
  it("breaks the data of one item and leaves the others intact", async () => {
    const { text } = await readRaw(
      await withFaults({ type: "malformed-json", atItem: 2 }, { stream: true }),
    );
    const data = text
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice(6));
    expect(data).toHaveLength(4);
    expect(() => JSON.parse(data[0] as string)).not.toThrow();
    expect(() => JSON.parse(data[1] as string)).toThrow(SyntaxError);
    expect(() => JSON.parse(data[2] as string)).not.toThrow();
    expect(data[3]).toBe("[DONE]");
  });

  it("breaks a JSON body, and says when it cannot apply", async () => {
    const broken = await withFaults({ type: "malformed-json", atItem: 0 });
    await expect(broken.json()).rejects.toThrow(SyntaxError);
    const skipped = await withFaults({ type: "malformed-json", atItem: 3 });
    expect(skipped.headers.get("x-or-fault-skipped")).toContain("malformed-json atItem 3");
    expect(await skipped.json()).toEqual(JSON.parse(chatJson));
    expect(server.requests[1]?.skippedFaults?.[0]).toContain("malformed-json");
  });
});

describe("oversized-line", () => {
  it("inserts a data line of exactly the size asked, before the item asked", async () => {
    const bytes = 1_000_000;
    const { text } = await readRaw(
      await withFaults({ type: "oversized-line", bytes, atItem: 1 }, { stream: true }),
    );
    const lines = text.split("\n");
    const huge = lines.findIndex((line) => line.length > 1000);
    expect(lines[huge]?.length).toBe(bytes);
    expect(lines[huge]?.startsWith('data: {"padding":"xxx')).toBe(true);
    // Just after the comment (item 0), before the first chunk (item 1).
    expect(text.indexOf(": OPENROUTER PROCESSING")).toBeLessThan(text.indexOf("padding"));
    expect(text.indexOf("padding")).toBeLessThan(text.indexOf('"Hel"'));
    expect(text.replace(`${lines[huge]}\n\n`, "")).toBe(streamText);
  });

  it("does not apply to a JSON body, and says so", async () => {
    const res = await withFaults({ type: "oversized-line", bytes: 100 }, { path: "/credits" });
    expect(res.headers.get("x-or-fault-skipped")).toContain("oversized-line");
    expect(await res.json()).toEqual(fixture("getCredits/success").response.body);
  });
});
