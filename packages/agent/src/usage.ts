import type { ChatUsage } from "@or/types";

type Fields = Record<string, unknown>;

/**
 * The sum of two usages: numbers added (tokens, `cost`, every details count), nested objects
 * summed the same way, other values (`is_byok`) taken from the latest. Nothing is dropped.
 */
export function addUsage(total: ChatUsage | undefined, next: ChatUsage | undefined): ChatUsage {
  return sum((total ?? {}) as Fields, (next ?? {}) as Fields) as ChatUsage;
}

function sum(a: Fields, b: Fields): Fields {
  const out: Fields = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = out[key];
    if (typeof value === "number" && typeof current === "number") out[key] = current + value;
    else if (isRecord(value) && isRecord(current)) out[key] = sum(current, value);
    else if (value !== null && value !== undefined) out[key] = value;
    else if (!(key in out)) out[key] = value;
  }
  return out;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
