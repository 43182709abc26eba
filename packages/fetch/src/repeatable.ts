/**
 * POST operations that change nothing on the account: sending one again can cost a second
 * answer, never a second key, guardrail or workspace. Paths are relative to the API base.
 * Inference (chat, completions, responses, messages, embeddings, rerank, images, audio) is
 * stateless on OpenRouter; analytics is a query; bulk (un)assignments set membership, so doing
 * one twice leaves the account as doing it once.
 */
const REPEATABLE_POST =
  /\/(?:chat\/completions|completions|responses|messages|embeddings|rerank|images|audio\/speech|audio\/transcriptions|analytics\/query|guardrails\/[^/]+\/assignments\/(?:keys|members)(?:\/remove)?|workspaces\/[^/]+\/members\/(?:add|remove))$/;

/**
 * Methods whose second sending has the effect of one: HTTP's idempotent methods, and PATCH,
 * which on OpenRouter sets the fields it names.
 */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "PATCH"]);

/** Answers that say the server did not act on the request, so even a create may be re-sent. */
export const NOT_ACTED_STATUSES: ReadonlySet<number> = new Set([408, 429]);

/**
 * Whether a request may be sent again after a failure that leaves its fate unknown (a reset or
 * a timeout after it was written, a 5xx): idempotent methods and the POSTs above. A create
 * (`POST /keys`, `/guardrails`, `/workspaces`, `/byok`, `/files`, `/videos`…) is not: a second
 * one would make a duplicate, or a key whose secret nobody received.
 * @example
 * isRepeatable("POST", "https://openrouter.ai/api/v1/chat/completions"); // true
 * isRepeatable("POST", "https://openrouter.ai/api/v1/keys"); // false
 */
export function isRepeatable(method: string, url: string): boolean {
  const upper = method.toUpperCase();
  if (IDEMPOTENT_METHODS.has(upper)) return true;
  return upper === "POST" && REPEATABLE_POST.test(new URL(url).pathname);
}
