import type { ResponseBody } from "@or/types";
import { sleep } from "./abort";
import type { OpenRouterClient } from "./client";
import { errorFromResponse, type OpenRouterError } from "./errors";

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
    const { data, error, response } = await client.GET("/generation", {
      params: { query: { id } },
      signal: options.signal,
    });
    if (data) return data.data;
    const failure: OpenRouterError = errorFromResponse(response, error);
    const remaining = deadline - Date.now();
    if (response.status !== 404 || remaining <= 0) throw failure;
    await sleep(Math.min(interval, remaining), options.signal);
    interval = Math.min(interval * 2, 2_000);
  }
}
