// The same classes of bug as the request log, elsewhere: unbounded upstream bodies in the
// recorder, numbers that pass the schema but not a timer, bodies that are not what they claim.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFault, FaultError, MAX_TIMER_MS } from "../src/faults";
import type { Fault, Fixture } from "../src/fixture-format";
import { FixtureFormatError } from "../src/fixtures";
import { FixtureIndex } from "../src/matching";
import { DEFAULT_MAX_RECORDED_BYTES, startRecorder, type Recorder } from "../src/recorder";
import { startReplayServer } from "../src/replay-server";
import { useFakeUpstream } from "./fake-upstream";
import { AUTH, readRaw, testFixtures } from "./replay-client";

const upstream = useFakeUpstream((req, res) => {
  req.resume();
  if (req.url?.endsWith("/big")) {
    res.writeHead(200, { "content-type": "text/plain" });
    return res.end("b".repeat(2000));
  }
  if (req.url?.endsWith("/broken")) {
    res.writeHead(200, { "content-type": "text/plain", "content-length": "100" });
    res.write("half");
    // Flushed, then the connection goes: the body is cut at 4 of 100 bytes.
    return res.socket?.write("", () => res.socket?.destroy());
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"text":"ok"}');
});

async function withRecorder(
  options: { maxRecordedBytes?: number },
  use: (recorder: Recorder, headers: Record<string, string>) => Promise<void>,
): Promise<Recorder> {
  const dir = mkdtempSync(join(tmpdir(), "or-hostile-"));
  const recorder = await startRecorder({ upstream: upstream.url, fixturesDir: dir, ...options });
  try {
    await use(recorder, { ...AUTH, "x-or-recorder-token": recorder.token });
  } finally {
    await recorder.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return recorder;
}

describe("the recorder's upstream answers", () => {
  it("streams an answer over maxRecordedBytes whole to the client, keeps none of it", async () => {
    const recorder = await withRecorder({ maxRecordedBytes: 1000 }, async (r, headers) => {
      const res = await fetch(`${r.url}/big`, { headers });
      expect((await res.text()).length).toBe(2000);
    });
    expect(recorder.recorded).toEqual([]);
    expect(recorder.problems).toEqual([
      "GET /big: the answer is over maxRecordedBytes (1000 bytes); not recorded",
    ]);
    expect(DEFAULT_MAX_RECORDED_BYTES).toBe(64 * 1024 * 1024);
  });

  it("says so when the upstream breaks off mid-answer, and writes nothing", async () => {
    const recorder = await withRecorder({}, async (r, headers) => {
      const read = await readRaw(await fetch(`${r.url}/broken`, { headers }));
      expect(read.error).toBeDefined();
    });
    expect(recorder.recorded).toEqual([]);
    expect(recorder.problems).toHaveLength(1);
    expect(recorder.problems[0]).toMatch(/^GET \/broken: the upstream broke off mid-answer/);
  });

  it("keeps a body that claims to be multipart but is not as its text", async () => {
    const recorder = await withRecorder({}, async (r, headers) => {
      const res = await fetch(`${r.url}/audio/transcriptions`, {
        method: "POST",
        headers: { ...headers, "content-type": "multipart/form-data; boundary=zzz" },
        body: "not multipart at all",
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    });
    expect(recorder.problems).toEqual([]);
    expect(recorder.recorded[0]?.fixture.request.body).toBe("not multipart at all");
  });

  it("refuses a maxRecordedBytes that is not a non-negative integer", async () => {
    for (const value of [Number.NaN, -1, 0.5]) {
      await expect(
        startRecorder({ fixturesDir: "unused", maxRecordedBytes: value }),
      ).rejects.toThrow(/^maxRecordedBytes must be/);
    }
  });
});

describe("numbers the schema lets through", () => {
  const refused: Array<[string, unknown]> = [
    ["stall forever as Infinity", { type: "stall", ms: Number.POSITIVE_INFINITY }],
    ["a stall past the timer limit", { type: "stall", ms: MAX_TIMER_MS + 1 }],
    ["a header delay past the timer limit", { type: "delay-headers", ms: 1e12 }],
    ["an oversized line no string holds", { type: "oversized-line", bytes: 2 ** 40 }],
    ["an unsafe integer", { type: "truncate", afterItems: 2 ** 60 }],
  ];
  for (const [what, fault] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => checkFault(fault)).toThrow(FaultError);
    });
  }

  it("takes the largest timer there is", () => {
    expect(checkFault({ type: "stall", ms: MAX_TIMER_MS })).toEqual({
      type: "stall",
      ms: MAX_TIMER_MS,
    });
  });

  it("answers 400 for such a fault in a header", async () => {
    const server = await startReplayServer({ fixtures: testFixtures(), record: false });
    try {
      const fault: Fault = { type: "delay-headers", ms: 1e12 };
      const res = await fetch(`${server.url}/credits`, {
        headers: { ...AUTH, "x-or-fault": JSON.stringify(fault) },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("at most 2147483647");
    } finally {
      await server.close();
    }
  });

  it("refuses a fixture whose SSE delay no timer can wait", () => {
    const fixture: Fixture = {
      name: "slow",
      operationId: "sendChatCompletionRequest",
      request: { method: "POST", path: "/chat/completions" },
      response: { status: 200, sse: [{ data: "[DONE]", delayMs: 1e12 }] },
    };
    expect(() => new FixtureIndex([fixture])).toThrow(FixtureFormatError);
  });
});
