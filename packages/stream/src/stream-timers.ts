import { StreamIdleError, StreamTimeoutError } from "./errors";

/** Called when a limit passes, with the error to raise (the stream adds what had arrived). */
export type OnLimit = (
  Limit: typeof StreamIdleError | typeof StreamTimeoutError,
  message: string,
) => void;

/**
 * The idle and total limits of one stream.
 *
 * `activity()` runs per event, so it only stamps the time; the idle timer re-arms itself for
 * the rest of the window when it fires early (one timer per window, not one per event).
 */
export class StreamTimers {
  #lastActivity = Date.now();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #totalTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(idleTimeoutMs: number | undefined, timeoutMs: number | undefined, onLimit: OnLimit) {
    if (timeoutMs !== undefined) {
      this.#totalTimer = setTimeout(
        () => onLimit(StreamTimeoutError, `The stream did not finish within ${timeoutMs} ms.`),
        timeoutMs,
      );
    }
    if (idleTimeoutMs !== undefined) {
      const check = () => {
        const quietFor = Date.now() - this.#lastActivity;
        if (quietFor < idleTimeoutMs) this.#idleTimer = setTimeout(check, idleTimeoutMs - quietFor);
        else onLimit(StreamIdleError, `Nothing arrived on the stream for ${idleTimeoutMs} ms.`);
      };
      this.#idleTimer = setTimeout(check, idleTimeoutMs);
    }
  }

  /** Data or a comment arrived: the idle window starts again. */
  activity(): void {
    this.#lastActivity = Date.now();
  }

  clear(): void {
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#totalTimer);
  }
}
