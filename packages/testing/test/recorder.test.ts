import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtureProblems, loadFixtures } from "../src/fixtures";
import { RecordConfigError, recordOptionsFromEnv, startRecorder } from "../src/recorder";
import { findSecrets } from "../src/redaction";
import { startReplayServer } from "../src/replay-server";
import { AUTH, eventually, readRaw, readUntil, TEST_KEY, testFixtures } from "./replay-client";

/** What a client of a recorder with a key sends: the recorder token as its API key. */
const tokenAuth = (token: string) => ({ authorization: `Bearer ${token}` });
/** What a client of a recorder without a key sends: its own key, and the token beside it. */
const ownKey = (token: string) => ({ ...AUTH, "x-or-recorder-token": token });

// The "real" key the recorder injects, and the key the upstream mints: placeholders, not real keys.
const REAL_KEY = `sk-or-v1-${"0".repeat(60)}real`;
const MINTED_KEY = `sk-or-v1-${"0".repeat(58)}minted`;
const SECRETS = [REAL_KEY, MINTED_KEY, TEST_KEY];

const STREAM =
  ": OPENROUTER PROCESSING\r\n\r\n" +
  'data: {"id":"gen-9","choices":[{"index":0,"delta":{"content":"your key is ' +
  REAL_KEY +
  '"}}]}\r\n\r\n' +
  'data: {"id":"gen-9","choices":[],"usage":{"total_tokens":4}}\r\n\r\n' +
  "data: [DONE]\r\n\r\n";

/** A stand-in for the API on 127.0.0.1, remembering what reached it. */
let upstream: Server;
let upstreamUrl: string;
const seen: Array<{
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}> = [];

function startUpstream(): Promise<void> {
  upstream = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    const route = `${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`;
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(value));
    };
    if (!req.headers.authorization && route !== "POST /api/v1/credits/coinbase") {
      return json(401, { error: { code: 401, message: "No key" } });
    }
    switch (route) {
      case "GET /api/v1/models":
        return json(200, { data: [{ id: "openai/gpt-4o" }] }, { "set-cookie": "cf=abc; Secure" });
      case "GET /api/v1/key":
        // Echoes the key it was sent, as a careless server might.
        return json(200, { data: { label: req.headers.authorization } });
      case "POST /api/v1/keys":
        return json(201, { data: { hash: "ab".repeat(32), name: "ci" }, key: MINTED_KEY });
      case "POST /api/v1/credits/coinbase":
        return json(200, { data: { id: "charge-1" } });
      case "POST /api/v1/audio/transcriptions":
        return json(200, { text: "hello" });
      case "GET /api/v1/things/abc":
        return json(200, { id: "abc" });
      case "POST /api/v1/chat/completions":
        if (!JSON.parse(body).stream)
          return json(200, { id: "gen-8", choices: [] }, { "x-generation-id": "gen-8" });
        res.writeHead(200, { "content-type": "text/event-stream", "x-generation-id": "gen-9" });
        if (req.headers["x-hang"]) {
          res.write(STREAM.split("\r\n\r\n")[0] + "\r\n\r\n");
          return; // never ends: the client will give up
        }
        return res.end(STREAM);
      default:
        return json(404, { error: { code: 404, message: "unknown" } });
    }
  });
  return new Promise((resolve) =>
    upstream.listen(0, "127.0.0.1", () => {
      upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/v1`;
      resolve();
    }),
  );
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "or-recorder-"));
  dirs.push(dir);
  return dir;
};

/** Every byte written below `dir`. */
function writtenText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

// An upstream of its own for each test: a request one test leaves in flight (a hanging stream)
// can never land in another test's `seen`.
beforeEach(startUpstream);
afterEach(async () => {
  seen.length = 0;
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("startRecorder", () => {
  it("forwards, streams through untouched, and writes redacted valid fixtures", async () => {
    const dir = tempDir();
    const recorder = await startRecorder({
      upstream: upstreamUrl,
      fixturesDir: dir,
      apiKey: REAL_KEY,
    });
    const AUTH = tokenAuth(recorder.token);
    try {
      const post = (body: unknown) =>
        fetch(`${recorder.url}/chat/completions`, {
          method: "POST",
          headers: { ...AUTH, "content-type": "application/json", "x-or-fault": "{}" },
          body: JSON.stringify(body),
        });
      const streamed = await readRaw(await post({ model: "openai/gpt-4o", stream: true }));
      expect(streamed.text).toBe(STREAM);
      expect((await (await post({ model: "openai/gpt-4o" })).json()) as unknown).toEqual({
        id: "gen-8",
        choices: [],
      });
      const models = await fetch(`${recorder.url}/models?order=new`, { headers: AUTH });
      expect(models.headers.get("set-cookie")).toBe("cf=abc; Secure");
      await models.arrayBuffer();
      expect((await fetch(`${recorder.url}/models?order=new`, { headers: AUTH })).status).toBe(200);
      expect(await (await fetch(`${recorder.url}/key`, { headers: AUTH })).json()).toEqual({
        data: { label: `Bearer ${REAL_KEY}` },
      });
      const minted = await fetch(`${recorder.url}/keys`, {
        method: "POST",
        headers: AUTH,
        body: '{"name":"ci"}',
      });
      expect(((await minted.json()) as { key: string }).key).toBe(MINTED_KEY);
      const tokenOnly = { "x-or-recorder-token": recorder.token };
      expect((await fetch(`${recorder.url}/credits`, { headers: tokenOnly })).status).toBe(401);
      expect(
        (
          await fetch(`${recorder.url}/credits/coinbase`, {
            method: "POST",
            body: "{}",
            headers: tokenOnly,
          })
        ).status,
      ).toBe(200);
    } finally {
      await recorder.close();
    }

    // What went upstream: the real key, no compression, none of our test headers, no token.
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${REAL_KEY}`);
    expect(seen[0]?.headers["accept-encoding"]).toBe("identity");
    expect(seen[0]?.headers["x-or-fault"]).toBeUndefined();
    expect(JSON.stringify(seen.map((s) => s.headers))).not.toContain(recorder.token);
    expect(seen[2]?.url).toBe("/api/v1/models?order=new");

    expect(recorder.problems).toEqual([]);
    expect(recorder.recorded.map((r) => `${r.fixture.operationId}/${r.fixture.name}`)).toEqual([
      "sendChatCompletionRequest/recorded-stream",
      "sendChatCompletionRequest/recorded",
      "getModels/recorded",
      "getModels/recorded-2",
      "getCurrentKey/recorded",
      "createKeys/recorded",
      "getCredits/error-401",
      "postCreditsCoinbase/recorded",
    ]);

    // Valid: each file follows the schema, and the folder loads.
    for (const { file } of recorder.recorded) {
      expect(fixtureProblems(JSON.parse(readFileSync(file, "utf8")))).toEqual([]);
    }
    const loaded = loadFixtures(dir);
    expect(loaded).toHaveLength(8);

    // Redacted: no key in any written byte.
    const written = writtenText(dir);
    for (const secret of [...SECRETS, recorder.token]) expect(written).not.toContain(secret);
    expect(findSecrets(written)).toEqual([]);
    expect(written).not.toContain("cf=abc");

    const byKey = new Map(loaded.map((f) => [`${f.operationId}/${f.name}`, f]));
    const stream = byKey.get("sendChatCompletionRequest/recorded-stream");
    expect(stream?.request.headers?.authorization).toBe("Bearer <redacted:api-key>");
    expect(stream?.request.bodyMatch).toEqual({ stream: true });
    expect(stream?.response.lineEnding).toBe("\r\n");
    expect(stream?.response.sse?.[0]).toEqual({ comment: "OPENROUTER PROCESSING" });
    expect(stream?.response.sse?.[1]).toEqual({
      data: {
        id: "gen-9",
        choices: [{ index: 0, delta: { content: "your key is sk-or-<redacted:1>" } }],
      },
    });
    expect(stream?.response.headers?.["x-generation-id"]).toBe("gen-9");
    const created = byKey.get("createKeys/recorded");
    // Ids are kept; the minted key is a placeholder.
    expect(created?.response.body).toEqual({
      data: { hash: "ab".repeat(32), name: "ci" },
      key: "sk-or-<redacted:2>",
    });
    expect(byKey.get("getCurrentKey/recorded")?.response.body).toEqual({
      data: { label: "Bearer sk-or-<redacted:1>" },
    });
    expect(byKey.get("getModels/recorded")?.request).toMatchObject({ query: { order: "new" } });
    expect(byKey.get("getModels/recorded")?.request.explicit).toBeUndefined();
    expect(byKey.get("getModels/recorded-2")?.request.explicit).toBe(true);
    expect(byKey.get("getModels/recorded")?.response.headers?.["set-cookie"]).toBe(
      "<redacted:cookie>",
    );
    expect(byKey.get("getCredits/error-401")?.request.explicit).toBe(true);
    expect(byKey.get("postCreditsCoinbase/recorded")?.request.auth).toBe(false);
  });

  it("writes fixtures the replay server serves back byte for byte", async () => {
    const dir = tempDir();
    const recorder = await startRecorder({ upstream: upstreamUrl, fixturesDir: dir });
    await readRaw(
      await fetch(`${recorder.url}/chat/completions`, {
        method: "POST",
        headers: ownKey(recorder.token),
        body: '{"stream":true}',
      }),
    );
    await recorder.close();
    const replay = await startReplayServer({ fixtures: loadFixtures(dir), record: false });
    try {
      const res = await fetch(`${replay.url}/chat/completions`, {
        method: "POST",
        headers: AUTH,
        body: '{"stream":true}',
      });
      expect((await readRaw(res)).text).toBe(STREAM.replace(REAL_KEY, "sk-or-<redacted:1>"));
    } finally {
      await replay.close();
    }
  });

  it("records multipart bodies as their text fields", async () => {
    const dir = tempDir();
    const recorder = await startRecorder({ upstream: upstreamUrl, fixturesDir: dir });
    try {
      const form = new FormData();
      form.set("model", "openai/whisper-1");
      form.set("file", new Blob([new Uint8Array([1, 2, 3])], { type: "audio/wav" }), "a.wav");
      await (
        await fetch(`${recorder.url}/audio/transcriptions`, {
          method: "POST",
          headers: ownKey(recorder.token),
          body: form,
        })
      ).text();
    } finally {
      await recorder.close();
    }
    const [recorded] = recorder.recorded;
    // Not in the built-in table: named from method and path.
    expect(recorded?.fixture.operationId).toBe("postAudioTranscriptions");
    expect(recorded?.fixture.request.body).toEqual({
      model: "openai/whisper-1",
      file: "<file a.wav, 3 bytes, audio/wav>",
    });
  });

  it("names operations from the spec's path templates, or from operationIdFor", async () => {
    const dir = tempDir();
    const spec = { paths: { "/things/{id}": { get: { operationId: "getThing" } } } };
    const fromSpec = await startRecorder({ upstream: upstreamUrl, fixturesDir: dir, spec });
    await (await fetch(`${fromSpec.url}/things/abc`, { headers: ownKey(fromSpec.token) })).text();
    await fromSpec.close();
    expect(fromSpec.recorded[0]?.fixture.operationId).toBe("getThing");
    const custom = await startRecorder({
      upstream: upstreamUrl,
      fixturesDir: dir,
      spec,
      operationIdFor: (method, path) =>
        path.startsWith("/things/") ? `${method.toLowerCase()}Custom` : undefined,
    });
    await (await fetch(`${custom.url}/things/abc`, { headers: ownKey(custom.token) })).text();
    await custom.close();
    expect(custom.recorded[0]?.fixture.operationId).toBe("getCustom");
  });

  it("answers 502 and writes nothing when the upstream is down", async () => {
    const dir = tempDir();
    const recorder = await startRecorder({
      upstream: "http://127.0.0.1:9/api/v1",
      fixturesDir: dir,
    });
    try {
      const res = await fetch(`${recorder.url}/models`, { headers: ownKey(recorder.token) });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        "unreachable",
      );
    } finally {
      await recorder.close();
    }
    expect(recorder.recorded).toEqual([]);
    expect(recorder.problems[0]).toMatch(/^GET \/models: upstream .* unreachable/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes nothing for an answer the client walked away from", async () => {
    const dir = tempDir();
    const recorder = await startRecorder({ upstream: upstreamUrl, fixturesDir: dir });
    try {
      const controller = new AbortController();
      const res = await fetch(`${recorder.url}/chat/completions`, {
        method: "POST",
        headers: { ...ownKey(recorder.token), "x-hang": "1" },
        body: '{"stream":true}',
        signal: controller.signal,
      });
      await readUntil((res.body as ReadableStream<Uint8Array>).getReader(), (t) =>
        t.includes("PROCESSING"),
      );
      controller.abort();
      await eventually(() => recorder.problems.length > 0, "the recorder notices the client left");
    } finally {
      await recorder.close();
    }
    expect(recorder.problems[0]).toContain("went away");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("record mode of the replay server", () => {
  it("forwards plain requests and replays those asking for a fixture or a fault", async () => {
    const dir = tempDir();
    const server = await startReplayServer({
      fixtures: testFixtures(),
      record: { upstream: upstreamUrl, fixturesDir: dir, apiKey: REAL_KEY },
      faults: [
        { fault: { type: "status-sequence", statuses: [503] }, match: { path: "/credits" } },
      ],
    });
    try {
      expect(server.recording).toBe(true);
      const token = tokenAuth(server.recorderToken as string);
      expect((await fetch(`${server.url}/models`, { headers: token })).status).toBe(200);
      const named = await fetch(`${server.url}/models`, {
        headers: { ...AUTH, "x-or-fixture": "getModels/programming" },
      });
      expect(await named.json()).toEqual({ data: [{ id: "openai/gpt-4o" }] });
      expect((await fetch(`${server.url}/credits`, { headers: AUTH })).status).toBe(503);
    } finally {
      await server.close();
    }
    expect(seen).toHaveLength(1);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200, 503]);
    expect(readdirSync(join(dir, "getModels"))).toEqual(["recorded.json"]);
    expect(writtenText(dir)).not.toContain(REAL_KEY);
  });

  it("turns on with OR_RECORD=1 and OPENROUTER_API_KEY", async () => {
    const dir = tempDir();
    const saved = { ...process.env };
    Object.assign(process.env, {
      OR_RECORD: "1",
      OPENROUTER_API_KEY: REAL_KEY,
      OR_RECORD_UPSTREAM: upstreamUrl,
      OR_RECORD_DIR: dir,
      OR_RECORDER_TOKEN: "a-token-set-by-a-script",
    });
    try {
      const server = await startReplayServer({ fixtures: [] });
      expect(server.recording).toBe(true);
      expect(server.recorderToken).toBe("a-token-set-by-a-script");
      const auth = { authorization: "Bearer a-token-set-by-a-script" };
      await (await fetch(`${server.url}/key`, { headers: auth })).text();
      await server.close();
      expect(seen[0]?.headers.authorization).toBe(`Bearer ${REAL_KEY}`);
      expect(writtenText(dir)).toContain("sk-or-<redacted:1>");
      expect(writtenText(dir)).not.toContain(REAL_KEY);
      // `record: false` wins over the environment.
      const replaying = await startReplayServer({ fixtures: [], record: false });
      expect(replaying.recording).toBe(false);
      await replaying.close();
    } finally {
      process.env = saved;
    }
  });
});

describe("recordOptionsFromEnv", () => {
  it("reads the switch, the key and the overrides", () => {
    expect(recordOptionsFromEnv({})).toBeUndefined();
    expect(recordOptionsFromEnv({ OR_RECORD: "0", OPENROUTER_API_KEY: REAL_KEY })).toBeUndefined();
    expect(() => recordOptionsFromEnv({ OR_RECORD: "1" })).toThrow(RecordConfigError);
    expect(recordOptionsFromEnv({ OR_RECORD: "1", OPENROUTER_API_KEY: REAL_KEY })).toEqual({
      apiKey: REAL_KEY,
      upstream: "https://openrouter.ai/api/v1",
      fixturesDir: join(process.cwd(), "recorded-fixtures"),
    });
  });

  it("never puts the key in its error", () => {
    try {
      recordOptionsFromEnv({ OR_RECORD: "1", OPENROUTER_API_KEY: "" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe("OR_RECORD=1 needs OPENROUTER_API_KEY to be set");
    }
  });
});
