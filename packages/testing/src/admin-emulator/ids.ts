import { createHash, randomBytes, randomUUID } from "node:crypto";

/** A fresh inference key secret, shaped like the real ones (random, never stored in files). */
export function newSecret(): string {
  return `sk-or-v1-${randomBytes(32).toString("hex")}`;
}

/** The API identifies keys by the SHA-256 of the secret, in hex. */
export function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What the API shows instead of a secret: its start and end. */
export function maskedLabel(secret: string): string {
  return `${secret.slice(0, 12)}...${secret.slice(-3)}`;
}

export const newId = (): string => randomUUID();

export const nowIso = (): string => new Date().toISOString();
