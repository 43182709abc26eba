import { StreamIdleError, StreamTimeoutError } from "./errors";

/**
 * The idle and total limits of one stream. When one passes it aborts `controller` with the
 * typed error as reason, which cancels the request and ends the read loop.
 *
 * `activity()` runs per event, so it only stamps the time; the idle timer re-arms itself for
 * the rest of the window when it fires early (one timer per window, not one per event).
 */
export class StreamTimers {
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #totalTimer: ReturnType<typeof setTimeout> | undefined;
  #lastActivity = Date.now();

  constructor(
    private readonly controller: AbortController,
    private readonly idleTimeoutMs: number | undefined,
    timeoutMs: number | undefined,
  ) {
    if (timeoutMs !== undefined) {
      this.#totalTimer = setTimeout(
        () =>
          controller.abort(
            new StreamTimeoutError(`The stream did not finish within ${timeoutMs} ms.`),
          ),
        timeoutMs,
      );
    }
    if (idleTimeoutMs !== undefined) this.#armIdle(idleTimeoutMs);
  }

  /** Data or a comment arrived: the idle window starts again. */
  activity(): void {
    if (this.idleTimeoutMs !== undefined) this.#lastActivity = Date.now();
  }

  clear(): void {
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#totalTimer);
  }

  #armIdle(ms: number): void {
    this.#idleTimer = setTimeout(() => {
      const idleFor = Date.now() - this.#lastActivity;
      const limit = this.idleTimeoutMs!;
      if (idleFor < limit) return this.#armIdle(limit - idleFor);
      this.controller.abort(new StreamIdleError(`Nothing arrived on the stream for ${limit} ms.`));
    }, ms);
  }
}
