// Bounds of the replay server and the recorder: counts, never memory readings.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startRecorder } from "../src/recorder";
import {
  DEFAULT_LOGGED_BYTES,
  DEFAULT_LOGGED_REQUESTS,
  startReplayServer,
  type ReplayServerOptions,
} from "../src/replay-server";
import { AUTH, testFixtures } from "./replay-client";

async function withServer(
  options: ReplayServerOptions,
  use: (server: Awaited<ReturnType<typeof startReplayServer>>) => Promise<void>,
): Promise<void> {
  const server = await startReplayServer({ fixtures: testFixtures(), record: false, ...options });
  try {
    await use(server);
  } finally {
    await server.close();
  }
}

const post = (url: string, body: string) =>
  fetch(`${url}/chat/completions`, { method: "POST", headers: AUTH, body });

describe("the request log", () => {
  it("keeps the newest maxLoggedRequests and counts the dropped ones", async () => {
    await withServer({ maxLoggedRequests: 3 }, async (server) => {
      for (let i = 0; i < 5; i++) {
        await (await fetch(`${server.url}/credits?i=${i}`, { headers: AUTH })).arrayBuffer();
      }
      expect(server.requests.map((r) => r.query.i)).toEqual(["2", "3", "4"]);
      expect(server.droppedRequests).toBe(2);
      server.reset();
      expect(server.requests).toEqual([]);
      expect(server.droppedRequests).toBe(0);
      await (await fetch(`${server.url}/credits?i=5`, { headers: AUTH })).arrayBuffer();
      expect(server.requests.map((r) => r.query.i)).toEqual(["5"]);
    });
  });

  it("keeps at most maxLoggedBytes of bodies: 8 large POSTs leave 2", async () => {
    const large = "x".repeat(1024 * 1024);
    await withServer({ maxLoggedBytes: 2 * 1024 * 1024 + 10 }, async (server) => {
      for (let i = 0; i < 8; i++) await (await post(server.url, `${i}${large}`)).arrayBuffer();
      expect(server.requests).toHaveLength(2);
      expect(server.requests.map((r) => r.bodyText[0])).toEqual(["6", "7"]);
      expect(server.droppedRequests).toBe(6);
    });
  });

  it("has defaults that bound it", () => {
    expect(DEFAULT_LOGGED_REQUESTS).toBe(1000);
    expect(DEFAULT_LOGGED_BYTES).toBe(64 * 1024 * 1024);
  });

  it("stays right when the caller empties the array itself", async () => {
    await withServer({ maxLoggedRequests: 2 }, async (server) => {
      await (await post(server.url, "a")).arrayBuffer();
      server.requests.length = 0;
      for (const body of ["b", "c", "d"]) await (await post(server.url, body)).arrayBuffer();
      expect(server.requests.map((r) => r.bodyText)).toEqual(["c", "d"]);
    });
  });
});

describe("request bodies", () => {
  it("answers 413 past maxBodyBytes, and logs nothing of it", async () => {
    await withServer({ maxBodyBytes: 100 }, async (server) => {
      const fits = await post(server.url, "y".repeat(100));
      expect(fits.status).not.toBe(413);
      await fits.arrayBuffer();
      const over = await post(server.url, "y".repeat(101));
      expect(over.status).toBe(413);
      expect(((await over.json()) as { error: { message: string } }).error.message).toContain(
        "maxBodyBytes",
      );
      expect(server.requests).toHaveLength(1);
    });
  });

  it("the recorder answers 413 too, before anything goes upstream", async () => {
    const dir = mkdtempSync(join(tmpdir(), "or-limits-"));
    const recorder = await startRecorder({
      fixturesDir: dir,
      upstream: "http://127.0.0.1:9/api/v1",
      maxBodyBytes: 10,
    });
    try {
      const res = await fetch(`${recorder.url}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${recorder.token}` },
        body: "z".repeat(11),
      });
      expect(res.status).toBe(413);
      expect(recorder.problems).toEqual([]);
    } finally {
      await recorder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("numeric options", () => {
  const wrong = [Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, "10"];
  for (const name of ["maxLoggedRequests", "maxLoggedBytes", "maxBodyBytes", "port"] as const) {
    it(`${name}: a TypeError naming it for NaN, negatives, fractions, strings`, async () => {
      for (const value of wrong) {
        await expect(
          startReplayServer({ fixtures: [], record: false, [name]: value as number }),
        ).rejects.toThrow(new RegExp(`^${name} must be`));
      }
    });
  }

  it("port above 65535 and maxBodyBytes 0 are refused by both servers", async () => {
    await expect(startReplayServer({ fixtures: [], record: false, port: 70000 })).rejects.toThrow(
      TypeError,
    );
    await expect(
      startReplayServer({ fixtures: [], record: false, maxBodyBytes: 0 }),
    ).rejects.toThrow(/^maxBodyBytes must be an integer of at least 1/);
    await expect(startRecorder({ fixturesDir: "unused", port: Number.NaN })).rejects.toThrow(
      /^port must be/,
    );
    await expect(startRecorder({ fixturesDir: "unused", maxBodyBytes: -5 })).rejects.toThrow(
      /^maxBodyBytes must be/,
    );
  });
});
