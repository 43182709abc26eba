/** SIGINT and SIGTERM turned into an AbortSignal: the work finishes what is in flight, then stops. */
export interface StopSignals {
  signal: AbortSignal;
  /** The signal received, if any. */
  received(): NodeJS.Signals | undefined;
  /** The exit code for a stop by signal (128 + its number), else undefined. */
  exitCode(): number | undefined;
  dispose(): void;
}

const NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15 };

/**
 * While changes are made, SIGINT and SIGTERM do not kill the process: the request in flight
 * finishes (so its answer, and any secret in it, is not lost), secrets are saved, and the
 * command says what was done before it exits.
 */
export function onStopSignals(err: (text: string) => void): StopSignals {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (name: NodeJS.Signals) => {
    if (received) {
      err(`or-admin: ${name} again: still finishing the request(s) in flight.`);
      return;
    }
    received = name;
    err(`or-admin: ${name} received: finishing the request(s) in flight, then stopping.`);
    controller.abort();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    received: () => received,
    exitCode: () => (received ? 128 + (NUMBERS[received] ?? 0) : undefined),
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
