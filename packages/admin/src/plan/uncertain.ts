import { OpenRouterError } from "@or/fetch";

/**
 * Whether a failed create may still have happened on the server: anything but an answer that
 * says it did not (a 4xx) or a connection that was never made. A reset or timeout before the
 * headers, a 5xx, a body cut after the headers or an answer that could not be read all leave
 * the key, guardrail or workspace possibly created, so the account is read back.
 */
export function mayHaveActed(error: unknown): boolean {
  if (!(error instanceof OpenRouterError)) return true;
  if (error.delivery === "not_sent") return false;
  const status = error.status;
  return status === undefined || status < 400 || status >= 500;
}
