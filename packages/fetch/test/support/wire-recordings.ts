import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Real OpenRouter answers recorded by other projects, in `../shared/wire-recordings` beside the
 * repository root. Read at test time only: they are never copied into the repository.
 */
export const recordingsDir = resolve(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "..",
  "..",
  "shared",
  "wire-recordings",
);

/** One entry of the recordings' `manifest.json` (the fields these tests read). */
export interface Recording {
  id: string;
  file: string;
  kind: "chat-stream" | "responses-stream" | "json" | "error";
  /** `POST /chat/completions` */
  endpoint: string;
  operationId: string;
  status: number;
  content_type: string;
  streams: boolean;
  /** ISO time, or null when the source does not say. */
  recorded_at: string | null;
}

/** Why the recordings tests skip, or undefined when the recordings are there. */
export const recordingsMissing: string | undefined = existsSync(
  resolve(recordingsDir, "manifest.json"),
)
  ? undefined
  : `skipped: no wire recordings at ${recordingsDir} (../shared beside the repository root)`;

/** The manifest's entries; empty when the recordings are missing. */
export function recordings(): Recording[] {
  if (recordingsMissing) return [];
  return JSON.parse(readFileSync(resolve(recordingsDir, "manifest.json"), "utf8")) as Recording[];
}

/** A recording's body as recorded. */
export const recordedBody = (recording: Recording): string =>
  readFileSync(resolve(recordingsDir, recording.file), "utf8");

/** `"2025"`, `"2026"`, or `"undated"`. */
export const periodOf = (recording: Recording): string =>
  recording.recorded_at?.slice(0, 4) ?? "undated";
