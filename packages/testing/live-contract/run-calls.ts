import { parseSse } from "../src/index";
import type { CallAnswer, ScriptedCall } from "./calls";

/**
 * Sends one scripted call to `baseUrl` and reads the whole answer. `token` is the recorder's
 * own token: the recorder lends the real key only to requests that carry it.
 */
export async function runCall(
  baseUrl: string,
  token: string,
  call: ScriptedCall,
): Promise<CallAnswer> {
  const res = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: {
      authorization: `Bearer ${token}`,
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
