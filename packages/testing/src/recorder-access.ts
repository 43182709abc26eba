import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Refusal } from "./api-server";
import { originAllowed, type CorsPolicy } from "./cors";

/** The header that may carry the recorder token when `Authorization` carries something else. */
export const RECORDER_TOKEN_HEADER = "x-or-recorder-token";

/** Shorter tokens are refused: a token stands between any local web page and the real key. */
const MIN_TOKEN_LENGTH = 16;

/** What a request without the token is told: how to get it, never the token or the key. */
export const MISSING_TOKEN_MESSAGE =
  "The recorder needs its token: send it as the API key (Authorization: Bearer <token>) or in " +
  `an ${RECORDER_TOKEN_HEADER} header. or-replay --record prints it at start; set it with ` +
  "OR_RECORDER_TOKEN (or the token option of startRecorder) for scripted use.";

/**
 * The recorder token: the one given (checked: at least 16 visible ASCII characters, so it can
 * travel in a header), else a fresh random one. Throws a `TypeError` naming `option`.
 */
export function recorderToken(given: unknown, option = "token"): string {
  if (given === undefined) return `or-rec-${randomBytes(24).toString("base64url")}`;
  if (typeof given !== "string" || !/^[\x21-\x7e]+$/.test(given)) {
    throw new TypeError(`${option} must be visible ASCII characters without spaces`);
  }
  if (given.length < MIN_TOKEN_LENGTH) {
    throw new TypeError(`${option} must be at least ${MIN_TOKEN_LENGTH} characters long`);
  }
  return given;
}

/** Whether a request carries the token, in `x-or-recorder-token` or as its bearer token. */
export function carriesToken(headers: Record<string, string>, token: string): boolean {
  const bearer = bearerOf(headers.authorization);
  const header = headers[RECORDER_TOKEN_HEADER];
  return (
    (header !== undefined && sameSecret(header, token)) ||
    (bearer !== undefined && sameSecret(bearer, token))
  );
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** Compares in constant time: digests first, so that lengths do not show either. */
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Refuses what a browser page could send: an `Origin` the policy does not list (403), and a
 * `Host` that is not the recorder's own loopback address and port (421), which is what a page
 * on a name rebound to 127.0.0.1 sends.
 */
export function browserRefusal(
  policy: CorsPolicy,
  listening: () => { host: string; port: number },
): (req: IncomingMessage) => Refusal | undefined {
  return (req) => {
    const { host, port } = listening();
    const allowedHosts = hostNames(host).map((name) => `${name}:${port}`);
    const asked = (req.headers.host ?? "").toLowerCase();
    if (!allowedHosts.includes(asked)) {
      const shown = JSON.stringify(asked.slice(0, 100));
      const message = `Host ${shown} is not this server (${allowedHosts[0]}): refused, as a request to a name rebound to this address would be.`;
      return { status: 421, message };
    }
    if (!originAllowed(policy, req.headers.origin)) {
      const message =
        "Cross-origin requests are refused: list the origin in allowedOrigins (or --allow-origin) to allow it.";
      return { status: 403, message };
    }
    return undefined;
  };
}

/** The names a local client may use for the listening address. */
function hostNames(host: string): string[] {
  const loopback = ["127.0.0.1", "localhost", "[::1]"];
  const own = host.includes(":") ? `[${host}]` : host;
  const wildcard = host === "0.0.0.0" || host === "::";
  return wildcard || loopback.includes(own) ? loopback : [own, ...loopback];
}
