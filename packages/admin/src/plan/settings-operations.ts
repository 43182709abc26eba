/**
 * The calls of BYOK, observability and SCIM steps. Bodies hold `${ENV_NAME}` references, never
 * secrets: `apply` reads the environment as it sends them. Keys and workspaces are named; `apply`
 * resolves them to hashes and ids.
 */
export type SettingsOperation =
  | {
      type: "createByok";
      workspace?: string;
      body: Record<string, unknown> & { name: string };
      /** Names of the keys that may use it; null for all. */
      allowedKeys?: string[] | null;
    }
  | {
      type: "updateByok";
      name: string;
      id: string;
      body: Record<string, unknown>;
      allowedKeys?: string[] | null;
    }
  | { type: "deleteByok"; name: string; id: string }
  | {
      type: "createDestination";
      workspace?: string;
      body: Record<string, unknown> & { name: string };
      /** Names of the keys whose traffic is sent; null for all. */
      apiKeys?: string[] | null;
    }
  | {
      type: "updateDestination";
      name: string;
      id: string;
      body: Record<string, unknown>;
      apiKeys?: string[] | null;
    }
  | { type: "deleteDestination"; name: string; id: string }
  | {
      type: "createScimMapping";
      group: string;
      groupId: string;
      workspace: string;
      role: "admin" | "member";
    }
  | { type: "updateScimMapping"; id: string; role: "admin" | "member" }
  /** Deletes the mapping and keeps the members it granted (`keep_members: true`). */
  | { type: "deleteScimMapping"; id: string };
