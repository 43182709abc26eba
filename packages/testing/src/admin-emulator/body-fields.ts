import { badRequest } from "./http-error";
import type { Body } from "./route-types";

// Checks of the body fields a handler keeps. The spec validator checks whole bodies when the
// emulator has the spec; these make sure state stays well-typed without it.

export function requireString(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value.length === 0) {
    throw badRequest(`${name} is required and must be a non-empty string.`);
  }
  return value;
}

export function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badRequest(`${name} must be a string.`);
  return value;
}

/** A list of non-empty strings, at least one (the bulk assignment bodies). */
export function requireStringList(body: Body, name: string, max?: number): string[] {
  const value = body[name];
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((v) => typeof v === "string" && v.length > 0)
  ) {
    throw badRequest(`${name} must be a non-empty array of non-empty strings.`);
  }
  if (max !== undefined && value.length > max)
    throw badRequest(`${name} takes at most ${max} items.`);
  return [...new Set(value as string[])];
}

/** `null` or a number (limits), when present. */
export function nullableNumber(body: Body, name: string): number | null | undefined {
  const value = body[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw badRequest(`${name} must be a number or null.`);
  return value;
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw badRequest(`${name} must be a boolean.`);
  return value;
}

const RESET_VALUES = ["daily", "weekly", "monthly", null];

/** A reset period (`daily`, `weekly`, `monthly` or null), when present. */
export function resetInterval(body: Body, name: string): string | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!RESET_VALUES.includes(value as string | null)) {
    throw badRequest(`${name} must be one of daily, weekly, monthly or null.`);
  }
  return value as string | null;
}

/** Copies the listed fields that the body has (null included) onto `target`. */
export function copyPresent<T extends object>(
  target: T,
  body: Body,
  names: readonly string[],
): void {
  for (const name of names) {
    if (body[name] !== undefined)
      (target as Record<string, unknown>)[name] = structuredClone(body[name]);
  }
}
