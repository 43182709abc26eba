import { EmulatorHttpError } from "./http-error";
import { hashOf } from "./ids";
import type { Caller } from "./route-types";
import type { AdminStore } from "./store";

/**
 * Who sent a request. An inference key the emulator created is that key (while it exists and is
 * enabled); a deleted key's secret is refused; anything else is the management key: any bearer
 * token when no `managementKey` was set, else that one only.
 */
export function identifyCaller(
  authorization: string | undefined,
  store: AdminStore,
  managementKey: string | undefined,
): Caller {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token)
    throw new EmulatorHttpError(
      401,
      'Missing or malformed Authorization header: expected "Bearer <key>".',
    );
  if (store.revokedSecrets.has(token))
    throw new EmulatorHttpError(401, "This API key was deleted.");
  const key = store.keyBySecret(token);
  if (key) {
    if (key.disabled) throw new EmulatorHttpError(401, "This API key is disabled.");
    if (key.expires_at !== null && Date.parse(key.expires_at) <= Date.now()) {
      throw new EmulatorHttpError(401, "This API key has expired.");
    }
    return { kind: "inference", hash: hashOf(token) };
  }
  if (managementKey !== undefined && token !== managementKey) {
    throw new EmulatorHttpError(401, "Unknown API key.");
  }
  return { kind: "management" };
}
