import { unwrap, type OpenRouterClient } from "@or/fetch";
import type { QueryParams } from "@or/types";
import { pageQuery, paginate, type ListOptions, type Paginated } from "../pagination";
import type { ByokKey, CreateByokBody, UpdateByokBody } from "../types";

export interface ByokListOptions extends ListOptions {
  /** Default: the account's default workspace. */
  workspaceId?: string;
  provider?: QueryParams<"listBYOKKeys">["provider"];
}

/** `admin.byok`: your own provider keys (the API never returns them, only a label). */
export interface ByokResource {
  list(options?: ByokListOptions): Paginated<ByokKey>;
  get(id: string): Promise<ByokKey>;
  create(body: CreateByokBody): Promise<ByokKey>;
  update(id: string, body: UpdateByokBody): Promise<ByokKey>;
  delete(id: string): Promise<void>;
}

export function byokResource(client: OpenRouterClient): ByokResource {
  const byId = (id: string) => ({ params: { path: { id } } });
  return {
    list: (options = {}) =>
      paginate(async (offset, limit) => {
        const query = pageQuery(offset, limit, {
          workspace_id: options.workspaceId,
          provider: options.provider,
        });
        const page = await unwrap(client.GET("/byok", { params: { query } }));
        return { items: page.data, totalCount: page.total_count };
      }, options),
    get: async (id) => (await unwrap(client.GET("/byok/{id}", byId(id)))).data,
    create: async (body) => (await unwrap(client.POST("/byok", { body }))).data,
    update: async (id, body) =>
      (await unwrap(client.PATCH("/byok/{id}", { ...byId(id), body }))).data,
    delete: async (id) => {
      await unwrap(client.DELETE("/byok/{id}", byId(id)));
    },
  };
}
