// Hostile keys from the wire (`__proto__`, `constructor`, `prototype` at every level) through the
// functions the replay server and the recorder call on what they read, in process (>= 1,000 cases)
// and over real HTTP on 127.0.0.1 (fewer cases: each one is a round trip).
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Fixture } from "../src/fixture-format";
import { FixtureIndex, isSubset } from "../src/matching";
import { lowerCaseHeaders } from "../src/received-request";
import { startRecorder } from "../src/recorder";
import { redactFixture } from "../src/redaction";
import { startReplayServer } from "../src/replay-server";
import { parseSse } from "../src/sse-parser";
import { encodeSseItem } from "../src/sse-writer";
import { useFakeUpstream } from "./fake-upstream";
import { TEST_KEY } from "./replay-client";

const HOSTILE = ["__proto__", "constructor", "prototype", "isAdmin", "toString", "length", "0"];

/** A key: mostly hostile ones, sometimes anything. */
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** JSON text whose objects may repeat hostile keys at any depth (built as text: no setter runs). */
const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("null", "true", "1", '"x"', '{"isAdmin":true}', '{"assign":null}'),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
    fc
      .array(fc.tuple(key, tie("value")), { maxLength: 4 })
      .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
  ),
})).value;

/** Header names a fixture may hold (lower case, digits, hyphens): the hostile ones among them. */
const fixtureHeaderName = fc.constantFrom(
  "constructor",
  "prototype",
  "isadmin",
  "tostring",
  "length",
);

/** What must never change: the prototypes and the built-ins, by own property names and identity. */
function snapshot() {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(",");
  return {
    object: names(Object.prototype),
    array: names(Array.prototype),
    fn: names(Function.prototype),
    string: names(String.prototype),
    builtins: [Object.assign, Object.keys, JSON.parse, Array.isArray, Object.prototype.toString],
    protoOfPlain: Object.getPrototypeOf({}),
  };
}

const before = snapshot();
function expectUntouched(): void {
  expect(snapshot()).toEqual(before);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).isAdmin).toBeUndefined();
}

/** The own-property structure of a value, `__proto__` keys included, as text. */
const shape = (value: unknown) => JSON.stringify(value);

describe("hostile keys in process", () => {
  it("leave prototypes and built-ins untouched, and lose nothing (1,000 cases)", () => {
    fc.assert(
      fc.property(
        hostileJson,
        hostileJson,
        key,
        fixtureHeaderName,
        (bodyText, patternText, headerName, fixtureHeader) => {
          const body: unknown = JSON.parse(bodyText);
          const pattern: unknown = JSON.parse(patternText);

          // Reading a request: headers and query as the server records them.
          const headers = lowerCaseHeaders([
            headerName,
            "v",
            "authorization",
            `Bearer ${TEST_KEY}`,
          ]);
          expect(Object.hasOwn(headers, headerName.toLowerCase())).toBe(true);
          const query = Object.fromEntries(new URLSearchParams([[headerName, "q"]]));

          // Matching: a fixture whose bodyMatch is hostile too.
          expect(isSubset(body, body)).toBe(true);
          isSubset(pattern, body);
          const bodyMatch =
            pattern !== null && typeof pattern === "object" && !Array.isArray(pattern);
          const fixture: Fixture = {
            name: "hostile",
            operationId: "sendChatCompletionRequest",
            request: {
              method: "POST",
              path: "/chat/completions",
              ...(bodyMatch && { bodyMatch: pattern as Record<string, unknown> }),
            },
            response: { status: 200, headers: Object.fromEntries([[fixtureHeader, "h"]]), body },
          };
          new FixtureIndex([fixture]).match({
            method: "POST",
            path: "/chat/completions",
            query,
            body,
          });

          // Recording: SSE parsed back, and redaction keeps every own key.
          const { items } = parseSse(encodeSseItem({ data: body }));
          const item = items[0];
          const data = item && "data" in item ? item.data : undefined;
          // Scalars come back as their text; objects and arrays with every own key.
          const asText = (v: unknown) => (typeof v === "string" ? v : shape(v));
          expect(asText(data)).toBe(asText(body));
          const { fixture: safe } = redactFixture({
            ...fixture,
            request: { ...fixture.request, headers, query, body },
            response: { ...fixture.response, sse: [{ data: body }] },
          });
          expect(shape(safe.request.body)).toBe(shape(body));
          expect(shape(safe.response.body)).toBe(shape(body));
          expect(shape(safe.request.query)).toBe(shape(query));
          expect(Object.keys(safe.response.headers ?? {})).toEqual([fixtureHeader]);
          expectUntouched();
        },
      ),
      { numRuns: 1000 },
    );
    // Sized by its number of cases, not by time: no clock may fail it on a loaded machine.
  }, 0);
});

/** A request with any header names (fetch would refuse some), its answer as text. */
function send(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers });
    req.once("error", reject);
    req.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.once("end", () =>
        // From the raw list: `res.headers` would lose a header named `__proto__`.
        resolve({ status: res.statusCode ?? 0, text, headers: lowerCaseHeaders(res.rawHeaders) }),
      );
    });
    req.end(body);
  });
}

/** Names a header may have on the wire: the hostile keys that are HTTP tokens. */
const headerName = fc.constantFrom("__proto__", "constructor", "prototype", "isadmin", "tostring");

describe("hostile keys over HTTP", () => {
  // Answers with the body it got, and a header named by the request.
  const upstream = useFakeUpstream(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    const name = String(req.headers["x-answer-header"] ?? "x-none");
    res.writeHead(200, { "content-type": "application/json", [name]: "from-upstream" });
    res.end(text);
  });

  it("the replay server: bodies, queries and header names (100 cases)", async () => {
    const server = await startReplayServer({ fixtures: [], record: false });
    try {
      await fc.assert(
        fc.asyncProperty(hostileJson, headerName, key, async (body, name, param) => {
          server.reset();
          const url = `${server.url}/chat/completions?${new URLSearchParams([[param, "1"]])}`;
          const res = await send(url, { [name]: "v", "content-type": "application/json" }, body);
          expect(res.status).toBe(404);
          const [logged] = server.requests;
          expect(shape(logged?.body)).toBe(shape(JSON.parse(body)));
          expect(Object.hasOwn(logged?.headers ?? {}, name)).toBe(true);
          expect(Object.hasOwn(logged?.query ?? {}, param)).toBe(true);
          expectUntouched();
        }),
        { numRuns: 100 },
      );
    } finally {
      await server.close();
    }
  });

  it("the recorder: request and upstream bodies and headers (50 cases)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "or-pollution-"));
    const recorder = await startRecorder({ upstream: upstream.url, fixturesDir: dir });
    try {
      await fc.assert(
        fc.asyncProperty(hostileJson, fixtureHeaderName, async (body, name) => {
          const res = await send(
            `${recorder.url}/chat/completions`,
            {
              authorization: `Bearer ${TEST_KEY}`,
              "x-or-recorder-token": recorder.token,
              "content-type": "application/json",
              "x-answer-header": name,
            },
            body,
          );
          expect(res.status).toBe(200);
          expect(res.text).toBe(body);
          // A header named `__proto__` reaches the client as a header.
          expect(res.headers[name]).toBe("from-upstream");
          const written = recorder.recorded.at(-1)?.fixture;
          expect(shape(written?.request.body)).toBe(shape(JSON.parse(body)));
          expect(shape(written?.response.body)).toBe(shape(JSON.parse(body)));
          expect(written?.response.headers?.[name]).toBe("from-upstream");
          expectUntouched();
        }),
        { numRuns: 50 },
      );
      expect(recorder.problems).toEqual([]);
    } finally {
      await recorder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the recorder: multipart field names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "or-pollution-"));
    const recorder = await startRecorder({ upstream: upstream.url, fixturesDir: dir });
    try {
      const form = new FormData();
      for (const name of ["__proto__", "constructor", "prototype"]) form.set(name, `${name}-value`);
      const res = await fetch(`${recorder.url}/audio/transcriptions`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_KEY}`, "x-or-recorder-token": recorder.token },
        body: form,
      });
      await res.arrayBuffer();
      const body = recorder.recorded[0]?.fixture.request.body as Record<string, string>;
      expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
      for (const name of ["__proto__", "constructor", "prototype"]) {
        expect(Object.hasOwn(body, name)).toBe(true);
        expect(body[name]).toBe(`${name}-value`);
      }
      expectUntouched();
    } finally {
      await recorder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
