import type { Overlay } from "./overlay.ts";

/**
 * `system_fingerprint` of a chat answer: the spec requires it (typed `string | null`), but
 * answers from 2025 leave it out, and 2026 ones send `null`. Optional and nullable is what the
 * API does; the stream chunk's field is handled by `stream-tolerance`.
 */
export const chatResultFingerprint: Overlay = {
  name: "chat-result-fingerprint",
  description: "Make a chat answer's system_fingerprint optional: many answers leave it out.",
  apply(doc) {
    const result = doc.components?.schemas?.ChatResult;
    const required: string[] | undefined = result?.required;
    if (!required?.includes("system_fingerprint")) return 0;
    result.required = required.filter((field) => field !== "system_fingerprint");
    return 1;
  },
};
