// Who may use the recorder's key: over real HTTP on 127.0.0.1, with a fake upstream on loopback.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startRecorder, type Recorder } from "../src/recorder";
import { startReplayServer } from "../src/replay-server";
import { useFakeUpstream } from "./fake-upstream";
import { TEST_KEY, testFixtures } from "./replay-client";

const REAL_KEY = `sk-or-v1-${"0".repeat(60)}real`;
const APP = "http://app.test:3000";

/** Hits of the fake upstream: how many requests reached it, and their Authorization. */
const hits: Array<string | undefined> = [];
const upstream = useFakeUpstream((req, res) => {
  hits.push(req.headers.authorization);
  req.resume();
  // The real API allows any origin: the recorder must not pass that on.
  res.writeHead(200, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
  });
  res.end(JSON.stringify({ data: { seen: req.headers.authorization ?? null } }));
});

/** One recorder per test, with its own folder; the hit count starts at zero. */
async function withRecorder(
  options: { allowedOrigins?: string[]; token?: string },
  use: (recorder: Recorder, dir: string) => Promise<void>,
): Promise<void> {
  hits.length = 0;
  const dir = mkdtempSync(join(tmpdir(), "or-recorder-access-"));
  const recorder = await startRecorder({
    upstream: upstream.url,
    fixturesDir: dir,
    apiKey: REAL_KEY,
    ...options,
  });
  try {
    await use(recorder, dir);
  } finally {
    await recorder.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A request with headers fetch will not set (Host), as a browser or a rebinding page would. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers });
    req.once("error", reject);
    req.once("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.end();
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("the recorder token", () => {
  it("forwards with the real key only requests carrying the token", async () => {
    await withRecorder({}, async (recorder) => {
      expect(recorder.token).toMatch(/^or-rec-[A-Za-z0-9_-]{32}$/);
      const ok = await send(`${recorder.url}/credits`, { headers: bearer(recorder.token) });
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.text)).toEqual({ data: { seen: `Bearer ${REAL_KEY}` } });
      const viaHeader = await send(`${recorder.url}/credits`, {
        headers: { ...bearer(TEST_KEY), "x-or-recorder-token": recorder.token },
      });
      expect(viaHeader.status).toBe(200);
      expect(hits).toEqual([`Bearer ${REAL_KEY}`, `Bearer ${REAL_KEY}`]);
    });
  });

  it("answers 401 saying how to get the token, and never reaches the upstream", async () => {
    await withRecorder({}, async (recorder, dir) => {
      const wrongToken = `or-rec-${"x".repeat(32)}`;
      for (const headers of [
        {} as Record<string, string>,
        bearer(TEST_KEY),
        bearer(wrongToken),
        { "x-or-recorder-token": wrongToken },
      ]) {
        const res = await send(`${recorder.url}/credits`, { headers });
        expect(res.status).toBe(401);
        const message = (JSON.parse(res.text) as { error: { message: string } }).error.message;
        expect(message).toContain("or-replay --record prints it at start");
        expect(message).toContain("OR_RECORDER_TOKEN");
        expect(res.text).not.toContain(recorder.token);
        expect(res.text).not.toContain(REAL_KEY);
      }
      expect(hits).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  it("takes a token set by the caller, and refuses one too short or with spaces", async () => {
    await withRecorder({ token: "scripted-token-0123456789" }, async (recorder) => {
      expect(recorder.token).toBe("scripted-token-0123456789");
      const res = await send(`${recorder.url}/credits`, { headers: bearer(recorder.token) });
      expect(res.status).toBe(200);
    });
    const dir = mkdtempSync(join(tmpdir(), "or-recorder-access-"));
    try {
      for (const token of ["short", "has a space in it, long enough", 42]) {
        await expect(startRecorder({ fixturesDir: dir, token: token as string })).rejects.toThrow(
          TypeError,
        );
      }
      await expect(startRecorder({ fixturesDir: dir, token: "short" })).rejects.toThrow(/^token/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("browsers and foreign Host names", () => {
  it("refuses any Origin by default and sends no CORS header", async () => {
    await withRecorder({}, async (recorder) => {
      const headers = { ...bearer(recorder.token), origin: "https://evil.example" };
      const get = await send(`${recorder.url}/credits`, { headers });
      expect(get.status).toBe(403);
      expect(get.headers["access-control-allow-origin"]).toBeUndefined();
      const preflight = await send(`${recorder.url}/credits`, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
      // Without an Origin (not a browser), the upstream's own `*` is not passed on either.
      const plain = await send(`${recorder.url}/credits`, { headers: bearer(recorder.token) });
      expect(plain.status).toBe(200);
      expect(plain.headers["access-control-allow-origin"]).toBeUndefined();
      expect(hits).toHaveLength(1);
    });
  });

  it("lets listed origins in, without reflecting the headers they ask for", async () => {
    await withRecorder({ allowedOrigins: [APP] }, async (recorder) => {
      const preflight = await send(`${recorder.url}/credits`, {
        method: "OPTIONS",
        headers: {
          origin: APP,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization, x-sneaky",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers["access-control-allow-origin"]).toBe(APP);
      expect(preflight.headers["access-control-allow-headers"]).toContain("x-or-recorder-token");
      expect(preflight.headers["access-control-allow-headers"]).not.toContain("x-sneaky");
      const get = await send(`${recorder.url}/credits`, {
        headers: { ...bearer(recorder.token), origin: APP },
      });
      expect(get.status).toBe(200);
      expect(get.headers["access-control-allow-origin"]).toBe(APP);
      expect(get.headers.vary).toContain("origin");
      const other = await send(`${recorder.url}/credits`, {
        headers: { ...bearer(recorder.token), origin: "http://app.test:3001" },
      });
      expect(other.status).toBe(403);
      expect(hits).toHaveLength(1);
    });
  });

  it("refuses origins that are not exact origins", async () => {
    for (const origin of ["*", "http://app.test/path", "app.test", "ftp://app.test"]) {
      await expect(
        startRecorder({ fixturesDir: "unused", allowedOrigins: [origin] }),
      ).rejects.toThrow(/^allowedOrigins: /);
    }
  });

  it("refuses a Host other than its loopback address and port (DNS rebinding)", async () => {
    await withRecorder({}, async (recorder) => {
      const headers = bearer(recorder.token);
      for (const host of [
        `evil.example:${recorder.port}`,
        "127.0.0.1",
        `127.0.0.1:${recorder.port + 1}`,
      ]) {
        const res = await send(`${recorder.url}/credits`, { headers: { ...headers, host } });
        expect(res.status, host).toBe(421);
        expect(res.text).toContain("refused");
      }
      expect(hits).toEqual([]);
      for (const host of [`localhost:${recorder.port}`, `127.0.0.1:${recorder.port}`]) {
        const res = await send(`${recorder.url}/credits`, { headers: { ...headers, host } });
        expect(res.status, host).toBe(200);
      }
      expect(hits).toHaveLength(2);
    });
  });
});

describe("record mode of the replay server", () => {
  it("guards its forwarding like the recorder, and still replays what asks for a fixture", async () => {
    hits.length = 0;
    const dir = mkdtempSync(join(tmpdir(), "or-recorder-access-"));
    const server = await startReplayServer({
      fixtures: testFixtures(),
      record: { upstream: upstream.url, fixturesDir: dir, apiKey: REAL_KEY },
    });
    try {
      const token = server.recorderToken as string;
      expect((await send(`${server.url}/credits`, { headers: bearer(TEST_KEY) })).status).toBe(401);
      const rebound = await send(`${server.url}/credits`, {
        headers: { ...bearer(token), host: `evil.example:${server.port}` },
      });
      expect(rebound.status).toBe(421);
      const cors = await send(`${server.url}/credits`, {
        headers: { ...bearer(token), origin: "https://evil.example" },
      });
      expect(cors.status).toBe(403);
      expect(hits).toEqual([]);
      expect((await send(`${server.url}/credits`, { headers: bearer(token) })).status).toBe(200);
      const named = await send(`${server.url}/credits`, {
        headers: { ...bearer(TEST_KEY), "x-or-fixture": "getCredits/success" },
      });
      expect(named.status).toBe(200);
      expect(hits).toHaveLength(1);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps answering any origin when it only replays: nothing secret sits behind it", async () => {
    const server = await startReplayServer({ fixtures: testFixtures(), record: false });
    try {
      expect(server.recorderToken).toBeUndefined();
      const res = await send(`${server.url}/credits`, {
        headers: { ...bearer(TEST_KEY), origin: "https://any.example", host: "any.example" },
      });
      expect(res.status).toBe(200);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    } finally {
      await server.close();
    }
  });
});
