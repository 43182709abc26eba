import type { OpenRouterClient } from "./client";
import { unwrap } from "./unwrap";

/** Where users approve your app; OpenRouter then redirects to your callback with `?code=`. */
export const AUTH_URL = "https://openrouter.ai/auth";

export interface PkcePair {
  /** Keep it secret, on the device that started the flow, until `exchangeCode`. */
  codeVerifier: string;
  /** Sent in the authorization URL. */
  codeChallenge: string;
  codeChallengeMethod: "S256";
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/**
 * A PKCE verifier and its S256 challenge, made with WebCrypto (browsers, edge runtimes, Node).
 * @example
 * const pair = await createPkcePair();
 * sessionStorage.setItem("verifier", pair.codeVerifier);
 * location.href = authorizationUrl({ callbackUrl: location.origin + "/cb", codeChallenge: pair.codeChallenge });
 */
export async function createPkcePair(): Promise<PkcePair> {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
  return {
    codeVerifier,
    codeChallenge: base64url(new Uint8Array(digest)),
    codeChallengeMethod: "S256",
  };
}

/** The URL to send the user to, to approve a key for your app. */
export function authorizationUrl(options: {
  callbackUrl: string;
  codeChallenge: string;
  codeChallengeMethod?: "S256" | "plain";
  authUrl?: string;
}): string {
  const url = new URL(options.authUrl ?? AUTH_URL);
  url.searchParams.set("callback_url", options.callbackUrl);
  url.searchParams.set("code_challenge", options.codeChallenge);
  url.searchParams.set("code_challenge_method", options.codeChallengeMethod ?? "S256");
  return url.toString();
}

/**
 * Trades the `code` from the callback for the user's API key (`POST /auth/keys`).
 * @example
 * const { key } = await exchangeCode(createOpenRouter({ apiKey: undefined }), { code, codeVerifier });
 */
export async function exchangeCode(
  client: OpenRouterClient,
  options: { code: string; codeVerifier: string; codeChallengeMethod?: "S256" | "plain" },
): Promise<{ key: string; userId: string | null | undefined }> {
  const data = await unwrap(
    client.POST("/auth/keys", {
      body: {
        code: options.code,
        code_verifier: options.codeVerifier,
        code_challenge_method: options.codeChallengeMethod ?? "S256",
      },
    }),
  );
  return { key: data.key, userId: data.user_id };
}
