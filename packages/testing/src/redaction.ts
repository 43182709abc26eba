import type { Fixture } from "./fixture-format";
import { decodeForms, holdsKey, keyPattern, secretPattern } from "./secret-forms";

/** What `Authorization` (and `Proxy-Authorization`) headers become in recorded fixtures. */
export const REDACTED_AUTHORIZATION = "Bearer <redacted:api-key>";
/** What `Cookie` and `Set-Cookie` headers become in recorded fixtures. */
export const REDACTED_COOKIE = "<redacted:cookie>";

/** `sk-or-…` keys (inference, management and provisioning keys) in any form the recorder writes. */
const KEY_PATTERN = keyPattern();
/** Shorter bearer tokens are not searched for in bodies: replacing them would mangle unrelated text. */
const MIN_SECRET_LENGTH = 8;
/** Operations whose response carries a freshly minted key in a top-level `key` field. */
const KEY_MINTING = new Set(["POST /keys", "POST /auth/keys"]);

/**
 * Secrets seen so far and their placeholders. Pass the state returned by one call into the next so
 * the same key gets the same placeholder in every fixture of a recording session.
 */
export interface RedactionState {
  readonly placeholders: ReadonlyMap<string, string>;
  readonly count: number;
}

export const emptyRedactionState: RedactionState = { placeholders: new Map(), count: 0 };

export interface RedactionOptions {
  /** Further secrets to hide wherever they appear (the real API key a recorder injects). */
  secrets?: readonly string[];
}

/**
 * Hides the secrets of a recorded interaction. Pure: returns a new fixture and a new state.
 *
 * - `authorization`, `proxy-authorization` → `Bearer <redacted:api-key>`; `x-api-key` → `<redacted:api-key>`;
 *   `cookie`, `set-cookie` → `<redacted:cookie>` (request and response headers).
 * - Any `sk-or-…` value anywhere (path, query, header names and values, bodies, text, SSE data and
 *   comments, name and description) → `sk-or-<redacted:N>`, numbered by first appearance, stable
 *   across calls sharing a state.
 * - The bearer token and `options.secrets` are hidden wherever else they appear.
 * - Each in any form: percent-encoded, HTML character references (`&#115;`, `&#x73;`, named),
 *   JSON/JS escapes (`\u002d`), any mix of these, and base64 at any byte alignment; base64
 *   bodies are decoded, redacted and encoded again.
 * - The `key` field of a `POST /keys` (or `POST /auth/keys`) response becomes a placeholder.
 * - Everything else, ids and hashes included, is kept.
 *
 * @example
 * const { fixture: safe, state } = redactFixture(recorded);
 * const next = redactFixture(recordedLater, state); // same key → same placeholder
 */
export function redactFixture(
  fixture: Fixture,
  state: RedactionState = emptyRedactionState,
  options: RedactionOptions = {},
): { fixture: Fixture; state: RedactionState } {
  const searchable = [...bearerTokens(fixture.request.headers), ...(options.secrets ?? [])];
  const redactor = new Redactor(state, [
    ...searchable.filter((s) => s.length >= MIN_SECRET_LENGTH),
    ...mintedKeys(fixture),
  ]);
  const { request, response } = fixture;
  const safe: Fixture = {
    ...fixture,
    name: redactor.text(fixture.name),
    operationId: redactor.text(fixture.operationId),
    ...(fixture.description !== undefined && { description: redactor.text(fixture.description) }),
    request: {
      ...request,
      path: redactor.text(request.path),
      ...(request.query && { query: redactor.value(request.query) as Record<string, string> }),
      ...(request.headers && { headers: redactor.headers(request.headers) }),
      ...(request.body !== undefined && { body: redactor.value(request.body) }),
      ...(request.bodyMatch && {
        bodyMatch: redactor.value(request.bodyMatch) as Record<string, unknown>,
      }),
    },
    response: {
      ...response,
      ...(response.headers && { headers: redactor.headers(response.headers) }),
      ...(response.body !== undefined && { body: redactor.value(response.body) }),
      ...(response.text !== undefined && {
        text:
          response.encoding === "base64"
            ? redactor.base64(response.text)
            : redactor.text(response.text),
      }),
      ...(response.sse && { sse: redactor.value(response.sse) as typeof response.sse }),
    },
  };
  return { fixture: safe, state: redactor.state() };
}

/**
 * Redacts one text (a message, a log line, a path) with the placeholders of `state`; new secrets
 * get new numbers in the state returned.
 * @example
 * const { text } = redactText(`GET /keys/${encodeURIComponent(key)}`, state);
 */
export function redactText(
  text: string,
  state: RedactionState = emptyRedactionState,
  options: RedactionOptions = {},
): { text: string; state: RedactionState } {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= MIN_SECRET_LENGTH);
  const redactor = new Redactor(state, secrets);
  return { text: redactor.text(text), state: redactor.state() };
}

/**
 * Secrets still present in serialized text: `sk-or-…` values that are not placeholders, and any of
 * `secrets`, in any of the forms redaction knows (see `redactFixture`). The recorder refuses to
 * write a fixture for which this is not empty.
 * @example
 * findSecrets(JSON.stringify(fixture), [apiKey]); // [] when nothing leaks
 */
export function findSecrets(text: string, secrets: readonly string[] = []): string[] {
  const found = new Set((text.match(KEY_PATTERN) ?? []).filter(holdsKey));
  // `search` ignores and keeps `lastIndex`: the shared global pattern stays at 0 for others.
  for (const secret of secrets)
    if (secret && text.search(secretPattern(secret)) !== -1) found.add(secret);
  return [...found];
}

class Redactor {
  private readonly placeholders: Map<string, string>;
  private count: number;
  private readonly known: string[];

  private readonly patterns: Array<{ secret: string; pattern: RegExp }>;

  constructor(state: RedactionState, secrets: string[]) {
    this.placeholders = new Map(state.placeholders);
    this.count = state.count;
    this.known = [...new Set([...state.placeholders.keys(), ...secrets])].filter((s) => s !== "");
    this.patterns = this.known.map((secret) => ({ secret, pattern: secretPattern(secret) }));
  }

  /** A base64 body: decoded, redacted as bytes (one char per byte), encoded again. */
  base64(text: string): string {
    const bytes = Buffer.from(text, "base64").toString("latin1");
    const redacted = this.text(bytes);
    return redacted === bytes ? text : Buffer.from(redacted, "latin1").toString("base64");
  }

  state(): RedactionState {
    return { placeholders: new Map(this.placeholders), count: this.count };
  }

  headers(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        this.text(name),
        redactedHeader(name.toLowerCase()) ?? this.text(value),
      ]),
    );
  }

  value(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.text(key), this.value(item)]),
      );
    }
    return value;
  }

  /** Replaces secrets left to right, so numbers follow first appearance; longest match wins. */
  text(text: string): string {
    const hits: Array<{ start: number; end: number; secret: string }> = [];
    for (const match of text.matchAll(KEY_PATTERN)) {
      if (!holdsKey(match[0])) continue;
      // Every form of one key gets its placeholder; a base64 run stands for itself.
      const decoded = decodeForms(match[0]);
      const secret = decoded.startsWith("sk-or-") ? decoded : match[0];
      hits.push({ start: match.index, end: match.index + match[0].length, secret });
    }
    for (const { secret, pattern } of this.patterns) {
      for (const match of text.matchAll(pattern)) {
        hits.push({ start: match.index, end: match.index + match[0].length, secret });
      }
    }
    if (hits.length === 0) return text;
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = "";
    let done = 0;
    for (const hit of hits) {
      if (hit.start < done) continue;
      out += text.slice(done, hit.start) + this.placeholderFor(hit.secret);
      done = hit.end;
    }
    return out + text.slice(done);
  }

  private placeholderFor(secret: string): string {
    let placeholder = this.placeholders.get(secret);
    if (!placeholder) {
      this.count += 1;
      placeholder = secret.startsWith("sk-or-")
        ? `sk-or-<redacted:${this.count}>`
        : `<redacted:${this.count}>`;
      this.placeholders.set(secret, placeholder);
    }
    return placeholder;
  }
}

function redactedHeader(name: string): string | undefined {
  if (name === "authorization" || name === "proxy-authorization") return REDACTED_AUTHORIZATION;
  if (name === "x-api-key") return "<redacted:api-key>";
  if (name === "cookie" || name === "set-cookie") return REDACTED_COOKIE;
  return undefined;
}

function bearerTokens(headers: Record<string, string> | undefined): string[] {
  const tokens: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!/^(proxy-)?authorization$|^x-api-key$/i.test(name)) continue;
    const token = value.replace(/^\s*bearer\s+/i, "").trim();
    if (token) tokens.push(token);
  }
  return tokens;
}

/** The `key` field of a key-minting response, wherever the API puts it (top level or `data`). */
function mintedKeys(fixture: Fixture): string[] {
  const route = `${fixture.request.method} ${fixture.request.path.replace(/\/+$/, "")}`;
  if (!KEY_MINTING.has(route)) return [];
  const body = fixture.response.body as { key?: unknown; data?: { key?: unknown } } | undefined;
  return [body?.key, body?.data?.key].filter((k): k is string => typeof k === "string" && k !== "");
}
