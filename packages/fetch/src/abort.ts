import { AbortError } from "./errors";

/** Resolves after `ms`, or rejects with `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortErrorFor(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFor(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The caller's reason when it is already one of ours, else an `AbortError` wrapping it. */
export function abortErrorFor(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof AbortError) return reason;
  return new AbortError("The request was aborted.", { cause: reason });
}

/** A signal that aborts when any of `signals` does (those given; `undefined`s are skipped). */
export function anySignal(given: (AbortSignal | null | undefined)[]): AbortSignal {
  const signals = given.filter((signal) => signal) as AbortSignal[];
  if (AbortSignal.any) return AbortSignal.any(signals);
  // Node 20.0–20.2 lack `AbortSignal.any`. A second `abort()` is a no-op: the first reason wins.
  const controller = new AbortController();
  for (const signal of signals) {
    const abort = () => controller.abort(signal.reason);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  }
  return controller.signal;
}
