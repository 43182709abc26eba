import type { ResponseBody } from "@or/types";
import { sleep } from "./abort";
import type { OpenRouterClient } from "./client";
import { errorFromResponse, OpenRouterError } from "./errors";

/** Stats of one generation: tokens, cost, provider, latency. */
export type GenerationStats = ResponseBody<"getGeneration">["data"];

export interface GetGenerationOptions {
  /** How long to keep asking while the API answers 404. Default 0: ask once. */
  waitMs?: number;
  /** First wait between polls; doubles up to 2 s. Default 250 ms. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Stats of a generation. They appear a moment after a completion ends, so with `waitMs` a 404
 * is polled with backoff until found or `waitMs` passes (then the 404 is thrown).
 * @example
 * const stats = await getGeneration(client, generationId, { waitMs: 5_000 });
 * console.log(stats.total_cost, stats.provider_name, stats.latency);
 */
export async function getGeneration(
  client: OpenRouterClient,
  id: string,
  options: GetGenerationOptions = {},
): Promise<GenerationStats> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  let interval = options.pollIntervalMs ?? 250;
  for (;;) {
    const failure = await askOnce(client, id, options.signal);
    if (!(failure instanceof OpenRouterError)) return failure.data;
    const remaining = deadline - Date.now();
    if (failure.status !== 404 || remaining <= 0) throw failure;
    await sleep(Math.min(interval, remaining), options.signal);
    interval = Math.min(interval * 2, 2_000);
  }
}

/** The stats, or the error of this try (also from clients made with `throwOnError`). */
async function askOnce(
  client: OpenRouterClient,
  id: string,
  signal: AbortSignal | undefined,
): Promise<{ data: GenerationStats } | OpenRouterError> {
  try {
    const { data, error, response } = await client.GET("/generation", {
      params: { query: { id } },
      signal,
    });
    return data ?? errorFromResponse(response, error);
  } catch (error) {
    if (error instanceof OpenRouterError && error.status === 404) return error;
    throw error;
  }
}
