// Keys in every form the recorder writes, over real HTTP on 127.0.0.1 with an echoing upstream.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startRecorder, type Recorder } from "../src/recorder";
import { findSecrets } from "../src/redaction";
import { useFakeUpstream } from "./fake-upstream";

// A placeholder key whose body (q…) cannot occur by chance in what the recorder writes.
const KEY = `sk-or-v1-${"q".repeat(58)}zz`;
const REAL_KEY = `sk-or-v1-${"0".repeat(60)}real`;
const percent = (text: string) =>
  [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

/** Echoes the request: its body with its content type, or its URL as JSON. */
const upstream = useFakeUpstream(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) {
    res.writeHead(200, { "content-type": "application/json", "x-echo-url": req.url ?? "" });
    return res.end(JSON.stringify({ url: req.url }));
  }
  res.writeHead(200, { "content-type": req.headers["content-type"] ?? "text/plain" });
  res.end(body);
});

/** Every name and every byte written below `dir`. */
function everythingWritten(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) =>
      entry.isFile()
        ? `${entry.name}\n${readFileSync(join(entry.parentPath, entry.name), "latin1")}`
        : entry.name,
    )
    .join("\n");
}

async function record(
  send: (recorder: Recorder, auth: Record<string, string>) => Promise<void>,
  upstreamBase = upstream.url,
): Promise<{ written: string; recorder: Recorder }> {
  const dir = mkdtempSync(join(tmpdir(), "or-recorder-redaction-"));
  const recorder = await startRecorder({
    upstream: upstreamBase,
    fixturesDir: dir,
    apiKey: REAL_KEY,
  });
  try {
    await send(recorder, { authorization: `Bearer ${recorder.token}` });
  } finally {
    await recorder.close();
  }
  const written = everythingWritten(dir);
  rmSync(dir, { recursive: true, force: true });
  return { written, recorder };
}

/** Nothing of the key in any written name or byte, in any form, nor in the problems. */
function expectNoKey(written: string, recorder: Recorder): void {
  expect(written).not.toMatch(/qqqq/i);
  expect(findSecrets(written, [KEY, REAL_KEY, recorder.token])).toEqual([]);
  expect(recorder.problems.join("\n")).not.toMatch(/qqqq/i);
}

describe("the recorder writes no key in any form", () => {
  it("percent-encoded in a path: not in the fixture, the operation id or the folder name", async () => {
    const { written, recorder } = await record(async (r, auth) => {
      for (const path of [`/keys/${percent(KEY)}`, `/keys/%73${KEY.slice(1)}`, `/things/${KEY}`]) {
        const res = await fetch(`${r.url}${path}`, { headers: auth });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    });
    expect(recorder.problems).toEqual([]);
    expect(recorder.recorded).toHaveLength(3);
    expect(recorder.recorded.map((f) => f.fixture.request.path)).toEqual([
      "/keys/sk-or-<redacted:1>",
      "/keys/sk-or-<redacted:1>",
      "/things/sk-or-<redacted:1>",
    ]);
    expect(recorder.recorded[2]?.fixture.operationId).toBe("getThingsSkOrRedacted1");
    expectNoKey(written, recorder);
  });

  it("in query strings, HTML references, JSON escapes and base64 bodies", async () => {
    const bodies: Array<[string, string | Buffer]> = [
      ["text/html", `<p>&#115;k-or-${KEY.slice(6)} and &#x73;${KEY.slice(1)}</p>`],
      ["text/plain", KEY.replace(/-/g, "\\u002d")],
      ["application/json", JSON.stringify({ note: JSON.stringify({ k: KEY }) })],
      ["application/octet-stream", Buffer.concat([Buffer.from([0xff]), Buffer.from(KEY)])],
      ["image/png", Buffer.from(Buffer.from(`xx${KEY}`).toString("base64"))],
    ];
    const { written, recorder } = await record(async (r, auth) => {
      const query = await fetch(`${r.url}/models?k=${percent(KEY)}&${percent(KEY)}=1`, {
        headers: auth,
      });
      await query.arrayBuffer();
      for (const [type, body] of bodies) {
        const res = await fetch(`${r.url}/echo`, {
          method: "POST",
          headers: { ...auth, "content-type": type },
          body: typeof body === "string" ? body : Uint8Array.from(body),
        });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    });
    expect(recorder.problems).toEqual([]);
    expect(recorder.recorded).toHaveLength(1 + bodies.length);
    expectNoKey(written, recorder);
  });

  it("in the problems it reports", async () => {
    const { recorder } = await record(async (r, auth) => {
      const res = await fetch(`${r.url}/keys/${percent(KEY)}`, { headers: auth });
      expect(res.status).toBe(502);
    }, "http://127.0.0.1:9/api/v1");
    expect(recorder.problems).toHaveLength(1);
    expect(recorder.problems[0]).toMatch(/^GET \/keys\/sk-or-<redacted:1>: upstream/);
    expectNoKey("", recorder);
  });
});
