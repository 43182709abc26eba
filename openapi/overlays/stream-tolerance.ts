import type { Overlay } from "./overlay.ts";

/**
 * What streams really carry: a mid-stream `error.code` is a string (`"server_error"`) as often
 * as a number, some providers omit `finish_reason` on stream choices, and `system_fingerprint`
 * may be absent.
 */
export const streamTolerance: Overlay = {
  name: "stream-tolerance",
  description: "Accept string error codes and missing finish_reason in chat stream chunks.",
  apply(doc) {
    let changed = 0;
    const schemas = doc.components?.schemas ?? {};
    const code = schemas.ChatStreamChunk?.properties?.error?.properties?.code;
    if (code && code.type === "integer") {
      code.type = ["integer", "string"];
      delete code.format;
      changed++;
    }
    for (const [name, field] of [
      ["ChatStreamChoice", "finish_reason"],
      ["ChatStreamChunk", "system_fingerprint"],
    ] as const) {
      const required: string[] | undefined = schemas[name]?.required;
      if (!required?.includes(field)) continue;
      schemas[name].required = required.filter((r) => r !== field);
      changed++;
    }
    return changed;
  },
};
