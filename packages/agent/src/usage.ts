import type { ChatUsage } from "@or/types";
import { defineOwn } from "./define-own";

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
    // Keys come from the wire: read own properties only, and define (a `__proto__` key stays data).
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    if (typeof value === "number" && typeof current === "number")
      defineOwn(out, key, current + value);
    else if (isRecord(value) && isRecord(current)) defineOwn(out, key, sum(current, value));
    else if (value !== null && value !== undefined) defineOwn(out, key, value);
    else if (!Object.hasOwn(out, key)) defineOwn(out, key, value);
  }
  return out;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
