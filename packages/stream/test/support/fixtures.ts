import { encodeSseItem, loadFixtures, type Fixture } from "@or/testing";

const all = loadFixtures();

/** The recorded stream fixtures (`stream-*`) of an operation. */
export function streamFixtures(operationId: string): Fixture[] {
  return all.filter((f) => f.operationId === operationId && f.name.startsWith("stream-"));
}

export function fixture(key: string): Fixture {
  const found = all.find((f) => `${f.operationId}/${f.name}` === key);
  if (!found) throw new Error(`No fixture ${key}`);
  return found;
}

/** The data objects a client must see: every JSON event before the first `[DONE]`. */
export function recordedEvents(f: Fixture): unknown[] {
  const events: unknown[] = [];
  for (const item of f.response.sse ?? []) {
    if (!("data" in item)) continue;
    if (item.data === "[DONE]") break;
    events.push(item.data);
  }
  return events;
}

/** The comments before the first `[DONE]`. */
export function recordedComments(f: Fixture): string[] {
  const comments: string[] = [];
  for (const item of f.response.sse ?? []) {
    if ("data" in item && item.data === "[DONE]") break;
    if ("comment" in item) comments.push(item.comment);
  }
  return comments;
}

/** The bytes the replay server sends for a fixture (no faults). */
export function recordedBytes(f: Fixture): Uint8Array {
  const lineEnding = f.response.lineEnding ?? "\n";
  const text = (f.response.sse ?? []).map((item) => encodeSseItem(item, lineEnding)).join("");
  return new TextEncoder().encode(text);
}

export function generationIdOf(f: Fixture): string | undefined {
  return f.response.headers?.["x-generation-id"];
}
