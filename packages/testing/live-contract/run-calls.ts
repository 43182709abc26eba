import { parseSse } from "../src/index";
import type { CallAnswer, ScriptedCall } from "./calls";

/** The key the client sends: the recorder puts the real one in its place upstream. */
export const PLACEHOLDER_KEY = `sk-or-v1-${"0".repeat(64)}`;

/** Sends one scripted call to `baseUrl` and reads the whole answer. */
export async function runCall(baseUrl: string, call: ScriptedCall): Promise<CallAnswer> {
  const res = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: {
      authorization: `Bearer ${PLACEHOLDER_KEY}`,
      ...(call.body && { "content-type": "application/json" }),
    },
    ...(call.body && { body: JSON.stringify(call.body) }),
  });
  const text = await res.text();
  if (/^text\/event-stream\b/i.test(res.headers.get("content-type") ?? "")) {
    return { status: res.status, sse: parseSse(text).items };
  }
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}
