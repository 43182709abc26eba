import type { Logger, LogLevel } from "../../src/index.js";

export interface LogLine {
  level: Exclude<LogLevel, "off">;
  message: string;
  data?: Record<string, unknown>;
}

/** What the transport logs before each backoff wait. */
export interface RetryLine {
  retry: number;
  delayMs: number;
  reason: string;
  status?: number;
}

/** A logger that keeps every line, and lets a test wait for one. */
export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = [];
  private waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  debug = (message: string, data?: Record<string, unknown>) =>
    this.push({ level: "debug", message, data });
  info = (message: string, data?: Record<string, unknown>) =>
    this.push({ level: "info", message, data });
  warn = (message: string, data?: Record<string, unknown>) =>
    this.push({ level: "warn", message, data });
  error = (message: string, data?: Record<string, unknown>) =>
    this.push({ level: "error", message, data });

  /** The first line (logged already or to come) that `match` accepts. */
  next(match: (line: LogLine) => boolean): Promise<LogLine> {
    const found = this.lines.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves when the transport announces backoff wait number `n` (1-based). */
  retryAnnounced(n: number): Promise<LogLine> {
    return this.next((line) => line.message.startsWith("Retrying") && line.data?.retry === n);
  }

  /** The backoff waits the client computed, in order. */
  get retries(): RetryLine[] {
    return this.lines
      .filter((line) => line.message.startsWith("Retrying"))
      .map((line) => line.data as unknown as RetryLine);
  }

  /** Every line as text, data included: what a log sink would store. */
  get text(): string {
    return this.lines
      .map((line) => `${line.level} ${line.message} ${JSON.stringify(line.data ?? {})}`)
      .join("\n");
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(line)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }
}
