// Every JSON and error answer that OpenRouter really sent (../shared/wire-recordings) goes
// through the client from a loopback server and through the contract validator with the spec
// @or/testing ships; every stream recording's events go through the validator too. What the
// API sent differs by period: what a 2025 body lacks is stated below as a fact of 2025.
import { createContractValidator, formatProblem, parseSse, type SseItem } from "@or/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOpenRouter, errorFromResponse, RateLimitError } from "../src/index.js";
import { startLoopbackServer, type LoopbackServer } from "./support/loopback-server.js";
import { TEST_KEY } from "./support/test-key.js";
import {
  periodOf,
  recordedBody,
  recordings,
  recordingsMissing,
  type Recording,
} from "./support/wire-recordings.js";

type Json = Record<string, any>;

const all = recordings();
const answers = all.filter((r) => !r.streams);
const streams = all.filter((r) => r.streams);
const contract = recordingsMissing ? undefined : createContractValidator();

/** Fields the Responses results of 2025 streams leave out, all required by today's spec. */
const RESPONSES_2025_LACKS = ["completed_at", "presence_penalty", "frequency_penalty"];

/** Serves each recording's body, as recorded, at its endpoint (`x-recording: <file>` picks it). */
let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((request, res) => {
    const recording = all.find((r) => r.file === request.headers["x-recording"]);
    if (!recording) return void res.writeHead(404).end();
    const body = recordedBody(recording);
    res.writeHead(recording.status, {
      "content-type": recording.content_type,
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
});
afterAll(() => server?.close());

function clientFor(recording: Recording) {
  return createOpenRouter({
    apiKey: TEST_KEY,
    baseUrl: `${server.origin}/api/v1`,
    headers: { "x-recording": recording.file },
    retry: false,
  });
}

/** Sends the recording's request through the client; what the client made of the answer. */
async function callRecorded(recording: Recording) {
  const [method, path] = recording.endpoint.split(" ");
  expect(method).toBe("POST");
  const body = { model: "openrouter/auto", messages: [{ role: "user", content: "Hi" }] };
  return clientFor(recording).POST(path as "/chat/completions", { body: body as never });
}

const problemsOf = (recording: Recording, body: unknown) =>
  contract!.validateResponseBody(recording.operationId, recording.status, body).map(formatProblem);

/** The parsed data events of a stream recording (comments and `[DONE]` left out). */
function dataEvents(recording: Recording): { data: Json; event?: string }[] {
  const items = parseSse(recordedBody(recording)).items;
  return items.flatMap((item: SseItem) => {
    if (!("data" in item) || item.data === "[DONE]") return [];
    expect(typeof item.data, `${recording.id}: every event but [DONE] is JSON`).toBe("object");
    return [{ data: item.data as Json, ...(item.event ? { event: item.event } : {}) }];
  });
}

describe.skipIf(recordingsMissing !== undefined)(
  `wire recordings: JSON and errors ${recordingsMissing ?? ""}`,
  () => {
    test("the recordings are there: JSON answers, an error and streams of 2025 and 2026", () => {
      expect(answers.filter((r) => r.kind === "json").length).toBeGreaterThanOrEqual(5);
      expect(answers.filter((r) => r.kind === "error")).toHaveLength(1);
      expect(new Set(all.map(periodOf))).toEqual(new Set(["2025", "2026", "undated"]));
      expect(streams.some((r) => periodOf(r) === "2026")).toBe(true);
    });

    test.each(answers.map((r) => [r.id, r] as const))(
      "%s: the client reads it as recorded, and it agrees with the spec",
      async (_, recording) => {
        const recorded = JSON.parse(recordedBody(recording));
        const { data, error, response } = await callRecorded(recording);
        expect(response.status).toBe(recording.status);
        // Nothing lost or changed on the way: every field, known to the spec or not.
        expect(recording.status < 400 ? data : error).toEqual(recorded);
        expect(problemsOf(recording, recorded)).toEqual([]);
      },
    );

    test("period facts of chat answers: 2025 ones may leave system_fingerprint out, 2026 ones send null", () => {
      const chats = answers.filter(
        (r) => r.kind === "json" && r.operationId === "sendChatCompletionRequest",
      );
      const lacking = (r: Recording) => !("system_fingerprint" in JSON.parse(recordedBody(r)));
      const byPeriod = (period: string) => chats.filter((r) => periodOf(r) === period);
      expect(byPeriod("2025").filter(lacking).length).toBeGreaterThan(0);
      expect(byPeriod("2026").length).toBeGreaterThan(0);
      for (const r of byPeriod("2026")) {
        expect(JSON.parse(recordedBody(r)).system_fingerprint, r.id).toBeNull();
      }
      // Such an answer is what the spec's `required` got wrong (see the chat-result-fingerprint overlay).
      for (const r of chats.filter(lacking))
        expect(problemsOf(r, JSON.parse(recordedBody(r)))).toEqual([]);
    });

    test("the 429 through errorFromResponse keeps every field of the error", async () => {
      const recording = answers.find((r) => r.kind === "error")!;
      expect(recording.status).toBe(429);
      const recorded = JSON.parse(recordedBody(recording));
      const { error, response } = await callRecorded(recording);
      const failure = errorFromResponse(response, error);
      expect(failure).toBeInstanceOf(RateLimitError);
      expect(failure.kind).toBe("rate_limited");
      expect(failure.status).toBe(429);
      expect(failure.code).toBe(recorded.error.code);
      expect(failure.metadata).toEqual(recorded.error.metadata);
      expect(failure.message).toContain(recorded.error.message);
      // The provider's own error explains a 429 from upstream: it is in the message too.
      expect(failure.message).toContain(String(recorded.error.metadata.raw).slice(0, 100));
      expect(failure.retryable).toBe(true);
      expect(JSON.parse(JSON.stringify(failure)).metadata).toEqual(recorded.error.metadata);
    });

    test.each(streams.map((r) => [r.id, periodOf(r), r] as const))(
      "%s (%s): every event agrees with the spec's stream schema",
      (_, period, recording) => {
        const events = dataEvents(recording);
        expect(events.length).toBeGreaterThan(0);
        const check = (event: { data: Json; event?: string }) =>
          contract!.validateSseItem(recording.operationId, event).map(formatProblem);
        if (recording.kind === "responses-stream" && period === "2025") {
          // A fact of 2025: results inside events lack three fields today's spec requires.
          const withResult = events.filter((e) => e.data.response);
          expect(withResult.length).toBeGreaterThan(0);
          for (const e of withResult) {
            const missing = RESPONSES_2025_LACKS.filter((f) => !(f in e.data.response));
            expect(missing).toEqual(RESPONSES_2025_LACKS);
            expect(check(e).length).toBeGreaterThan(0);
            for (const field of missing) e.data.response[field] = null;
          }
        }
        expect(events.flatMap(check)).toEqual([]);
      },
    );
  },
);
