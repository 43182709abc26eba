import { AbortError } from "@or/fetch";

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: a tool may ignore its signal,
 * and a request awaiting its headers cannot be stopped by the run's own controller.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The run's reason when it is one of ours already, else an `AbortError` wrapping it. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof AbortError) return reason;
  return new AbortError("The tool run was aborted.", { cause: reason });
}
