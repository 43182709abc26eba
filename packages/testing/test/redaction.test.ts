import { describe, expect, it } from "vitest";
import type { Fixture } from "../src/fixture-format";
import {
  emptyRedactionState,
  findSecrets,
  REDACTED_AUTHORIZATION,
  REDACTED_COOKIE,
  redactFixture,
} from "../src/redaction";

// Placeholder-shaped keys: zeros and a letter or two, never real-looking hex.
const KEY_A = `sk-or-v1-${"0".repeat(64)}`;
const KEY_B = `sk-or-v1-${"0".repeat(63)}b`;
const MINTED = `sk-or-v1-${"0".repeat(62)}mk`;

const recorded = (): Fixture => ({
  name: "success",
  operationId: "createKeys",
  request: {
    method: "POST",
    path: "/keys",
    headers: {
      authorization: `Bearer ${KEY_A}`,
      cookie: "session=abc",
      "content-type": "application/json",
    },
    body: { name: "ci", note: `rotate ${KEY_B} soon` },
  },
  response: {
    status: 201,
    headers: { "set-cookie": "session=def; HttpOnly", "x-request-id": "req-1" },
    body: {
      data: { hash: "f0".repeat(32), name: "ci", label: `${MINTED.slice(0, 12)}...` },
      key: MINTED,
    },
  },
});

describe("redactFixture", () => {
  it("replaces headers, keys in bodies and the minted key; keeps ids", () => {
    const { fixture } = redactFixture(recorded());
    expect(fixture.request.headers).toEqual({
      authorization: REDACTED_AUTHORIZATION,
      cookie: REDACTED_COOKIE,
      "content-type": "application/json",
    });
    expect(fixture.request.body).toEqual({ name: "ci", note: "rotate sk-or-<redacted:1> soon" });
    expect(fixture.response.headers).toEqual({
      "set-cookie": REDACTED_COOKIE,
      "x-request-id": "req-1",
    });
    const body = fixture.response.body as { key: string; data: { hash: string; label: string } };
    expect(body.data.hash).toBe("f0".repeat(32));
    // Even a key's visible prefix in a label is hidden: every sk-or- value is.
    expect(body.data.label).toBe("sk-or-<redacted:2>...");
    expect(body.key).toBe("sk-or-<redacted:3>");
  });

  it("does not touch its input", () => {
    const input = recorded();
    const copy = structuredClone(input);
    redactFixture(input);
    expect(input).toEqual(copy);
  });

  it("numbers keys by first appearance, stable across calls sharing a state", () => {
    const first = redactFixture(recorded());
    const again = redactFixture(
      {
        name: "stream",
        operationId: "sendChatCompletionRequest",
        request: { method: "POST", path: "/chat/completions", query: { debug: KEY_B } },
        response: {
          status: 200,
          sse: [
            { comment: `echo ${MINTED}` },
            { data: { text: `new ${KEY_A}x` } },
            { data: `raw ${KEY_B}` },
          ],
        },
      },
      first.state,
    );
    expect(again.fixture.request.query).toEqual({ debug: "sk-or-<redacted:1>" });
    expect(again.fixture.response.sse).toEqual([
      { comment: "echo sk-or-<redacted:3>" },
      // A key with an extra character is another key, replaced whole.
      { data: { text: "new sk-or-<redacted:4>" } },
      { data: "raw sk-or-<redacted:1>" },
    ]);
    expect(again.state.count).toBe(4);
    expect(emptyRedactionState.count).toBe(0);
  });

  it("hides a bearer token and extra secrets that do not look like keys, wherever they are", () => {
    const { fixture } = redactFixture(
      {
        name: "echo",
        operationId: "getCurrentKey",
        request: {
          method: "GET",
          path: "/key",
          headers: { authorization: "Bearer token-abcdef123" },
        },
        response: {
          status: 200,
          text: "you sent token-abcdef123 and upstream-secret-1",
          headers: {},
        },
      },
      emptyRedactionState,
      { secrets: ["upstream-secret-1"] },
    );
    expect(fixture.request.headers?.authorization).toBe(REDACTED_AUTHORIZATION);
    expect(fixture.response.text).toBe("you sent <redacted:1> and <redacted:2>");
  });

  it("leaves base64 bodies alone and text below the secret length as it is", () => {
    const { fixture } = redactFixture({
      name: "audio",
      operationId: "createAudioSpeech",
      request: { method: "POST", path: "/audio/speech", headers: { authorization: "Bearer x" } },
      response: { status: 200, text: "eHh4", encoding: "base64" },
    });
    expect(fixture.response.text).toBe("eHh4");
    expect(fixture.request.headers?.authorization).toBe(REDACTED_AUTHORIZATION);
  });

  it("only treats the key field as secret on key-minting operations", () => {
    const { fixture } = redactFixture({
      name: "success",
      operationId: "getPreset",
      request: { method: "GET", path: "/presets/p" },
      response: { status: 200, body: { key: "plain-setting-value" } },
    });
    expect(fixture.response.body).toEqual({ key: "plain-setting-value" });
  });
});

describe("findSecrets", () => {
  it("finds keys that are not placeholders, and given secrets", () => {
    expect(findSecrets(`a ${KEY_A} b sk-or-<redacted:1>`)).toEqual([KEY_A]);
    expect(findSecrets("nothing here sk-or-<redacted:2>", ["hunter22"])).toEqual([]);
    expect(findSecrets("pw hunter22", ["hunter22"])).toEqual(["hunter22"]);
  });
});

/** Every form of a text the recorder may write, one character at a time or whole. */
const percent = (text: string) =>
  [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
const decimalRefs = (text: string) => [...text].map((c) => `&#${c.codePointAt(0)};`).join("");
const hexRefs = (text: string) =>
  [...text].map((c) => `&#x${(c.codePointAt(0) as number).toString(16)};`).join("");
const jsonEscaped = (text: string) => [...text].map((c) => (c === "-" ? "\\u002d" : c)).join("");
/** Base64 of the text behind `offset` bytes of something else, trimmed to whole characters. */
const base64At = (text: string, offset: number) =>
  Buffer.concat([Buffer.from("abc".slice(0, offset)), Buffer.from(text)]).toString("base64");

const FORMS: Array<[string, (key: string) => string]> = [
  ["as is", (k) => k],
  ["percent-encoded whole", percent],
  ["percent-encoded first letter", (k) => `%73${k.slice(1)}`],
  ["decimal references", decimalRefs],
  ["hex references", hexRefs],
  ["first letter as &#115;", (k) => `&#115;${k.slice(1)}`],
  ["first letter as &#x73;", (k) => `&#x73;${k.slice(1)}`],
  ["JSON-escaped hyphens", jsonEscaped],
  ["JS-escaped hyphens", (k) => k.replace(/-/g, "\\x2d")],
  ["mixed", (k) => `%73&#107;\\u002d${k.slice(3)}`],
  ["base64 at offset 0", (k) => base64At(k, 0)],
  ["base64 at offset 1", (k) => base64At(k, 1)],
  ["base64 at offset 2", (k) => base64At(k, 2)],
  ["base64url at offset 1", (k) => base64At(k, 1).replace(/\+/g, "-").replace(/\//g, "_")],
];

const KEY_Q = `sk-or-v1-${"q".repeat(58)}zz`;

function echoFixture(text: string, path = "/key"): Fixture {
  return {
    name: "echo",
    operationId: "getCurrentKey",
    request: { method: "GET", path, headers: { authorization: "Bearer x" } },
    response: { status: 200, headers: { "content-type": "text/html" }, text: `<p>${text}</p>` },
  };
}

describe("redaction of encoded keys", () => {
  for (const [form, encode] of FORMS) {
    it(`hides a key ${form}, known or not, and findSecrets sees it`, () => {
      const encoded = encode(KEY_Q);
      // The gate sees the form before redaction, as a key and as a given secret.
      expect(
        findSecrets(`x ${encoded} y`).length + findSecrets(`x ${encoded} y`, [KEY_Q]).length,
      ).toBeGreaterThan(0);
      expect(findSecrets(`x ${encoded} y`, [KEY_Q])).toContain(KEY_Q);
      for (const secrets of [[], [KEY_Q]]) {
        const { fixture } = redactFixture(echoFixture(encoded), emptyRedactionState, { secrets });
        const text = JSON.stringify(fixture);
        expect(text).not.toContain("qqqqqqqq");
        expect(findSecrets(text, [KEY_Q])).toEqual([]);
        // Base64 keeps the characters that mix in the neighbouring bytes.
        expect(fixture.response.text).toMatch(/^<p>[A-Za-z0-9]{0,3}(sk-or-)?<redacted:1>/);
      }
    });
  }

  it("gives every form of one key the same placeholder", () => {
    const body = FORMS.slice(0, 10)
      .map(([, encode]) => encode(KEY_Q))
      .join(" | ");
    const { fixture, state } = redactFixture(echoFixture(body), emptyRedactionState, {
      secrets: [KEY_Q],
    });
    expect(state.count).toBe(1);
    expect(fixture.response.text).toBe(
      `<p>${Array(10).fill("sk-or-<redacted:1>").join(" | ")}</p>`,
    );
  });

  it("hides a token with characters that have named references", () => {
    const token = "tok_en+with/slash=";
    const named = "tok&lowbar;en&plus;with&sol;slash&equals;";
    const { fixture } = redactFixture(echoFixture(named), emptyRedactionState, {
      secrets: [token],
    });
    expect(fixture.response.text).toBe("<p><redacted:1></p>");
    expect(findSecrets(named, [token])).toEqual([token]);
  });

  it("hides a key in a percent-encoded path, and in the name and description", () => {
    const fixture = echoFixture("ok", `/keys/${percent(KEY_Q)}`);
    fixture.description = `GET /keys/${percent(KEY_Q)}`;
    const { fixture: safe } = redactFixture(fixture);
    expect(safe.request.path).toBe("/keys/sk-or-<redacted:1>");
    expect(safe.description).toBe("GET /keys/sk-or-<redacted:1>");
  });

  it("decodes a base64 body, redacts it at every byte alignment, and encodes it again", () => {
    for (const offset of [0, 1, 2]) {
      const bytes = Buffer.concat([
        Buffer.from([0xff, 0x00, 0x10].slice(0, offset)),
        Buffer.from(`key=${KEY_Q};`),
        Buffer.from([0x00, 0xfe]),
      ]);
      const { fixture } = redactFixture(
        {
          ...echoFixture(""),
          response: { status: 200, text: bytes.toString("base64"), encoding: "base64" },
        },
        emptyRedactionState,
        { secrets: [KEY_Q] },
      );
      const decoded = Buffer.from(fixture.response.text as string, "base64");
      expect(decoded.subarray(0, offset)).toEqual(bytes.subarray(0, offset));
      expect(decoded.subarray(offset).toString("latin1")).toBe(
        "key=sk-or-<redacted:1>;\u0000\u00fe",
      );
    }
  });
});
