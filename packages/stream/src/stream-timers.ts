import { StreamIdleError, StreamTimeoutError } from "./errors";

/**
 * Called when a limit passes, with the error class to raise and what happened; the stream
 * names itself in front of it and adds what had arrived.
 */
export type OnLimit = (
  Limit: typeof StreamIdleError | typeof StreamTimeoutError,
  what: string,
) => void;

/** The longest delay `setTimeout` takes (about 24.8 days); a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The idle and total limits of one stream, on one timer.
 *
 * `activity()` runs per event, so it only stamps the time; the timer fires at the nearer of the
 * two deadlines and, when activity moved the idle one, re-arms itself for what is left (one
 * timer per window, not one per event). A limit longer than `setTimeout` can wait is reached in
 * several waits.
 */
export class StreamTimers {
  #lastActivity = Date.now();
  #timer: ReturnType<typeof setTimeout>;

  /** A limit left undefined never passes; at least one is set. */
  constructor(idleTimeoutMs = Infinity, timeoutMs = Infinity, onLimit: OnLimit) {
    const deadline = this.#lastActivity + timeoutMs;
    const check = () => {
      const now = Date.now();
      const idleDeadline = this.#lastActivity + idleTimeoutMs;
      if (now >= deadline) onLimit(StreamTimeoutError, `did not finish within ${timeoutMs} ms.`);
      else if (now >= idleDeadline)
        onLimit(StreamIdleError, `sent nothing for ${idleTimeoutMs} ms.`);
      else
        this.#timer = setTimeout(check, Math.min(deadline, idleDeadline, now + MAX_DELAY_MS) - now);
    };
    this.#timer = setTimeout(check, Math.min(idleTimeoutMs, timeoutMs, MAX_DELAY_MS));
  }

  /** Data or a comment arrived: the idle window starts again. */
  activity(): void {
    this.#lastActivity = Date.now();
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}
