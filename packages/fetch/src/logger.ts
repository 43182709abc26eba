/** Levels from most to least verbose; `"off"` silences the client. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where log lines go: `console` fits, as do pino and winston loggers. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

type Level = Exclude<LogLevel, "off">;

/** A logger that knows its level, so callers skip building lines nobody will see. */
export interface LeveledLogger {
  enabled(level: Level): boolean;
  /** Writes the line when `level` is enabled. */
  log(level: Level, message: string, data?: Record<string, unknown>): void;
}

/** A logger that drops lines below `level`. Lines are redacted by their callers. */
export function levelLogger(logger: Logger, level: LogLevel): LeveledLogger {
  const enabled = (name: Level) => RANK[name] >= RANK[level];
  return {
    enabled,
    log: (name, message, data) =>
      !enabled(name) ? undefined : data ? logger[name](message, data) : logger[name](message),
  };
}
