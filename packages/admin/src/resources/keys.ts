import { unwrap, type OpenRouterClient } from "@or/fetch";
import { paginate, type ListOptions, type Paginated } from "../pagination";
import type { ApiKey, CreateKeyBody, CreatedKey, CurrentKey, UpdateKeyBody } from "../types";

export interface KeyListOptions extends ListOptions {
  /** Include disabled keys. Default false, as the API. */
  includeDisabled?: boolean;
  /** The workspace whose keys to list. Default: the account's default workspace. */
  workspaceId?: string;
}

/** `admin.keys`: API keys. */
export interface KeysResource {
  /** Every key, paging with `offset` (the API sizes `/keys` pages itself). */
  list(options?: KeyListOptions): Paginated<ApiKey>;
  get(hash: string): Promise<ApiKey>;
  /** Creates a key; `key` in the result is its secret, shown this once. */
  create(body: CreateKeyBody): Promise<CreatedKey>;
  update(hash: string, body: UpdateKeyBody): Promise<ApiKey>;
  delete(hash: string): Promise<void>;
  /** `GET /key`: the key the client calls with. */
  current(): Promise<CurrentKey>;
}

export function keysResource(client: OpenRouterClient): Omit<KeysResource, "rotate"> {
  const path = (hash: string) => ({ params: { path: { hash } } });
  return {
    list(options = {}) {
      return paginate(
        async (offset) => {
          const query = {
            offset,
            ...(options.includeDisabled !== undefined && {
              include_disabled: options.includeDisabled,
            }),
            ...(options.workspaceId !== undefined && { workspace_id: options.workspaceId }),
          };
          const page = await unwrap(client.GET("/keys", { params: { query } }));
          return { items: page.data };
        },
        options,
        true,
      );
    },
    get: async (hash) => (await unwrap(client.GET("/keys/{hash}", path(hash)))).data,
    create: (body) => unwrap(client.POST("/keys", { body })),
    update: async (hash, body) =>
      (await unwrap(client.PATCH("/keys/{hash}", { ...path(hash), body }))).data,
    delete: async (hash) => {
      await unwrap(client.DELETE("/keys/{hash}", path(hash)));
    },
    current: async () => (await unwrap(client.GET("/key"))).data,
  };
}
