import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createParser } from "eventsource-parser";

/**
 * Real OpenRouter answers recorded by other projects, in `../shared/wire-recordings` beside the
 * repository. They are read at test time only: nothing of them is ever copied into the repository,
 * so tests derive every expectation from the bytes themselves (an independent reading below).
 */

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const RECORDINGS_DIR = join(REPO_ROOT, "..", "shared", "wire-recordings");
export const RECORDINGS_FOUND = existsSync(join(RECORDINGS_DIR, "manifest.json"));

export interface Recording {
  id: string;
  file: string;
  kind: string;
  recorded_at: string | null;
  status: number;
  content_type: string;
}

/** The stream recordings of the manifest (`chat-stream`, `responses-stream`), or none. */
export function streamRecordings(): Recording[] {
  if (!RECORDINGS_FOUND) return [];
  const manifest = JSON.parse(readFileSync(join(RECORDINGS_DIR, "manifest.json"), "utf8"));
  return (manifest as Recording[]).filter(
    (r) => r.kind === "chat-stream" || r.kind === "responses-stream",
  );
}

export function recordingBytes(recording: Recording): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(readFileSync(join(RECORDINGS_DIR, recording.file)));
}

type Fields = Record<string, any>;

/** The data objects before `[DONE]` and the comments, by eventsource-parser (not our framer). */
export function independentEvents(bytes: Uint8Array): { chunks: Fields[]; comments: number } {
  const chunks: Fields[] = [];
  let comments = 0;
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (done) return;
      if (event.data === "[DONE]") done = true;
      else chunks.push(JSON.parse(event.data));
    },
    onComment: () => {
      if (!done) comments++;
    },
  });
  parser.feed(new TextDecoder().decode(bytes));
  return { chunks, comments };
}

export interface ChatFacts {
  content: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  usage: unknown;
  finishReason: string | null;
  /** The first chunk's `error`, and whether a finish reason came before it. */
  error: { code: unknown; message: string; afterFinish: boolean } | undefined;
  /** How the chunk carrying the usage treats the choices: the thing that changed over time. */
  usageChunk: "empty choices" | "finish null" | "repeats finish" | "no usage";
}

/** What a chat stream says, read straight from its chunks with no accumulator of ours. */
export function chatFacts(chunks: Fields[]): ChatFacts {
  const facts: ChatFacts = {
    content: "",
    reasoning: "",
    toolCalls: [],
    usage: undefined,
    finishReason: null,
    error: undefined,
    usageChunk: "no usage",
  };
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for (const chunk of chunks) {
    if (chunk.error && !facts.error) {
      facts.error = {
        code: chunk.error.code,
        message: chunk.error.message,
        afterFinish: facts.finishReason !== null,
      };
    }
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) continue;
      const delta = choice.delta ?? {};
      if (typeof delta.content === "string") facts.content += delta.content;
      if (typeof delta.reasoning === "string") facts.reasoning += delta.reasoning;
      for (const call of delta.tool_calls ?? []) {
        const current = calls.get(call.index) ?? { id: "", name: "", arguments: "" };
        if (call.id) current.id = call.id;
        if (call.function?.name) current.name = call.function.name;
        current.arguments += call.function?.arguments ?? "";
        calls.set(call.index, current);
      }
      if (choice.finish_reason != null) facts.finishReason = choice.finish_reason;
    }
    if (chunk.usage) {
      facts.usage = chunk.usage;
      const choices: Fields[] = chunk.choices ?? [];
      facts.usageChunk =
        choices.length === 0
          ? "empty choices"
          : choices.some((c) => c.finish_reason != null)
            ? "repeats finish"
            : "finish null";
    }
  }
  facts.toolCalls = [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, call]) => call);
  return facts;
}

export interface ResponsesFacts {
  text: string;
  reasoning: string;
  functionCalls: number;
  usage: unknown;
  status: unknown;
}

/** What a Responses stream says, read straight from its events. */
export function responsesFacts(events: Fields[]): ResponsesFacts {
  const facts: ResponsesFacts = {
    text: "",
    reasoning: "",
    functionCalls: 0,
    usage: undefined,
    status: undefined,
  };
  for (const event of events) {
    if (event.type === "response.output_text.delta") facts.text += event.delta;
    if (event.type === "response.reasoning_text.delta") facts.reasoning += event.delta;
    if (event.type === "response.output_item.done" && event.item?.type === "function_call")
      facts.functionCalls++;
    if (event.type === "response.completed") {
      facts.usage = event.response.usage;
      facts.status = event.response.status;
    }
  }
  return facts;
}

/**
 * What each period's chat streams do with the usage chunk (from `recorded_at`): before 2026 it
 * carries the choice again with `finish_reason: null`; in early 2026 it has no choices; from
 * mid-2026 it repeats the finish reason, the shape that made `toolCallDone` fire twice.
 */
export function expectedUsageChunk(recordedAt: string | null): ChatFacts["usageChunk"] | undefined {
  if (!recordedAt) return undefined;
  if (recordedAt < "2026-01") return "finish null";
  if (recordedAt < "2026-07") return "empty choices";
  return "repeats finish";
}
