import { afterEach, describe, expect, test, vi } from "vitest";
import { AbortError, getGeneration, NotFoundError, PermissionDeniedError } from "../src/index.js";
import { eventually } from "./support/eventually.js";
import { replayClient, useReplayServer } from "./support/replay.js";

const replay = useReplayServer();
const ID = "gen-1755846123-Rk4QmV9xTz2LpW7sNa3b";
const generation = { path: "/generation" };
const notYet = (count: number) => ({
  fault: { type: "status-sequence" as const, statuses: Array<number>(count).fill(404) },
  match: generation,
});

afterEach(() => vi.useRealTimers());

describe("getGeneration", () => {
  test("returns the stats when they are there", async () => {
    const { client } = replayClient(replay.server);
    const stats = await getGeneration(client, ID);
    expect(stats).toMatchObject({ id: ID, provider_name: "OpenAI", total_cost: 1.02e-5 });
    expect(replay.server.requests.map((r) => r.query)).toEqual([{ id: ID }]);
  });

  test("without waitMs a 404 is thrown after one request", async () => {
    replay.server.addFault(notYet(1));
    const { client } = replayClient(replay.server);
    await expect(getGeneration(client, ID)).rejects.toBeInstanceOf(NotFoundError);
    expect(replay.server.requests).toHaveLength(1);
  });

  test("with waitMs it polls 404s until found", async () => {
    replay.server.addFault(notYet(2));
    const { client } = replayClient(replay.server);
    const stats = await getGeneration(client, ID, { waitMs: 10_000, pollIntervalMs: 1 });
    expect(stats.id).toBe(ID);
    expect(replay.server.requests.map((r) => r.status)).toEqual([404, 404, 200]);
  });

  test("also with a client made with throwOnError", async () => {
    replay.server.addFault(notYet(1));
    const { client } = replayClient(replay.server, { throwOnError: true });
    const stats = await getGeneration(client, ID, { waitMs: 10_000, pollIntervalMs: 1 });
    expect(stats.id).toBe(ID);
    expect(replay.server.requests).toHaveLength(2);
  });

  test("backs off 250, 500, … ms, cut at waitMs, then throws the 404 (fake clock)", async () => {
    replay.server.addFault(notYet(10));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { client } = replayClient(replay.server);
    const pending = getGeneration(client, ID, { waitMs: 1000 }).catch((e: unknown) => e);
    // Requests at 0, 250, 750 (250 + 500) and 1000 (the last wait cut to what is left).
    for (const [n, wait] of [
      [1, 250],
      [2, 500],
      [3, 250],
    ] as const) {
      await eventually(() => replay.server.requests.length === n, `request ${n}`);
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(replay.server.requests).toHaveLength(n);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(await pending).toBeInstanceOf(NotFoundError);
    expect(replay.server.requests).toHaveLength(4);
  });

  test("other errors are thrown at once", async () => {
    replay.server.addFault({
      fault: { type: "status-sequence", statuses: [403] },
      match: generation,
    });
    const { client } = replayClient(replay.server);
    await expect(getGeneration(client, ID, { waitMs: 10_000 })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(replay.server.requests).toHaveLength(1);
  });

  test("an abort during a poll wait ends it", async () => {
    replay.server.addFault(notYet(10));
    const { client } = replayClient(replay.server);
    const controller = new AbortController();
    const pending = getGeneration(client, ID, {
      waitMs: 60_000,
      pollIntervalMs: 30_000,
      signal: controller.signal,
    });
    await eventually(() => replay.server.requests.length === 1, "the first poll");
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(replay.server.requests).toHaveLength(1);
  });
});
