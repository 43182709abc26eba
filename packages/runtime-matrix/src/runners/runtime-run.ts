import type { RunSummary } from "../summary";

/** The outcome of running the client in one runtime. */
export interface RuntimeRun {
  runtime: string;
  /** The runtime's own version string (`--version`, `process.version`, the browser's). */
  version: string;
  /** Wall time of the run, process start and browser launch included (reported, not asserted). */
  ms: number;
  summary: RunSummary;
}

/** The JSON a runtime printed: the last line of its stdout that starts with `prefix` (or `{`). */
export function summaryFromStdout<T = RunSummary>(stdout: string, prefix = ""): T | undefined {
  const line = stdout
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith(prefix || "{"));
  return line ? (JSON.parse(line.slice(prefix.length)) as T) : undefined;
}
