import { unwrap, type OpenRouterClient } from "@or/fetch";
import { pageQuery, paginate, type ListOptions, type Paginated } from "../pagination";
import type {
  CreateObservabilityDestinationBody,
  ObservabilityDestination,
  UpdateObservabilityDestinationBody,
} from "../types";

/**
 * `admin.observability`: destinations that receive the account's traces (Langfuse, Datadog,
 * webhooks, …). The API answers secret config values masked.
 */
export interface ObservabilityResource {
  /** The destinations of a workspace (default: the account's default workspace). */
  list(options?: ListOptions & { workspaceId?: string }): Paginated<ObservabilityDestination>;
  get(id: string): Promise<ObservabilityDestination>;
  create(body: CreateObservabilityDestinationBody): Promise<ObservabilityDestination>;
  update(id: string, body: UpdateObservabilityDestinationBody): Promise<ObservabilityDestination>;
  delete(id: string): Promise<void>;
}

export function observabilityResource(client: OpenRouterClient): ObservabilityResource {
  const byId = (id: string) => ({ params: { path: { id } } });
  return {
    list: (options = {}) =>
      paginate(async (offset, limit) => {
        const query = pageQuery(offset, limit, { workspace_id: options.workspaceId });
        const page = await unwrap(client.GET("/observability/destinations", { params: { query } }));
        return { items: page.data, totalCount: page.total_count };
      }, options),
    get: async (id) =>
      (await unwrap(client.GET("/observability/destinations/{id}", byId(id)))).data,
    create: async (body) =>
      (await unwrap(client.POST("/observability/destinations", { body }))).data,
    update: async (id, body) =>
      (await unwrap(client.PATCH("/observability/destinations/{id}", { ...byId(id), body }))).data,
    delete: async (id) => {
      await unwrap(client.DELETE("/observability/destinations/{id}", byId(id)));
    },
  };
}
