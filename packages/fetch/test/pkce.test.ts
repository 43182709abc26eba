import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  authorizationUrl,
  AUTH_URL,
  BadRequestError,
  createPkcePair,
  exchangeCode,
} from "../src/index.js";
import { replayClient, useReplayServer } from "./support/replay.js";

const replay = useReplayServer();
const BASE64URL = /^[A-Za-z0-9_-]+$/;

describe("createPkcePair", () => {
  test("a 43-character verifier and its S256 challenge", async () => {
    const pair = await createPkcePair();
    expect(pair.codeChallengeMethod).toBe("S256");
    expect(pair.codeVerifier).toMatch(BASE64URL);
    expect(pair.codeVerifier).toHaveLength(43);
    const expected = createHash("sha256").update(pair.codeVerifier).digest("base64url");
    expect(pair.codeChallenge).toBe(expected);
  });

  test("a new verifier every time", async () => {
    const verifiers = new Set(
      await Promise.all([1, 2, 3, 4].map(async () => (await createPkcePair()).codeVerifier)),
    );
    expect(verifiers.size).toBe(4);
  });
});

describe("authorizationUrl", () => {
  test("OpenRouter's auth page with the callback and challenge", () => {
    const url = new URL(
      authorizationUrl({ callbackUrl: "http://localhost:3000/cb?x=1&y=2", codeChallenge: "abc-_" }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(AUTH_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      callback_url: "http://localhost:3000/cb?x=1&y=2",
      code_challenge: "abc-_",
      code_challenge_method: "S256",
    });
  });

  test("another auth URL and the plain method when asked", () => {
    const url = new URL(
      authorizationUrl({
        callbackUrl: "https://app.example/cb",
        codeChallenge: "v",
        codeChallengeMethod: "plain",
        authUrl: "https://auth.example/start",
      }),
    );
    expect(url.origin).toBe("https://auth.example");
    expect(url.searchParams.get("code_challenge_method")).toBe("plain");
  });
});

describe("exchangeCode", () => {
  test("trades the code and verifier for the user's key", async () => {
    const { client } = replayClient(replay.server);
    const result = await exchangeCode(client, {
      code: "auth_7Hq2mX9pLw4Rz",
      codeVerifier: "verifier-1",
    });
    expect(result).toEqual({
      key: "sk-or-v1-<redacted:new-key>",
      userId: "user_2xQp7LmN4vRt8KsZ1aBcDeF",
    });
    expect(replay.server.requests[0]).toMatchObject({
      method: "POST",
      path: "/auth/keys",
      body: {
        code: "auth_7Hq2mX9pLw4Rz",
        code_verifier: "verifier-1",
        code_challenge_method: "S256",
      },
    });
  });

  test("a refused code is a typed error", async () => {
    replay.server.addFault({
      fault: { type: "status-sequence", statuses: [400] },
      match: { path: "/auth/keys" },
    });
    const { client } = replayClient(replay.server);
    await expect(
      exchangeCode(client, { code: "expired", codeVerifier: "v" }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});
