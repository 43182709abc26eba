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
