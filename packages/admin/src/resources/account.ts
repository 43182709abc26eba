import { unwrap, type OpenRouterClient } from "@or/fetch";
import type { QueryParams } from "@or/types";
import { paginate, type ListOptions, type Paginated } from "../pagination";
import type { ActivityItem, Credits, OrganizationMember } from "../types";

/** `admin.credits`: what was bought and used. */
export interface CreditsResource {
  get(): Promise<Credits>;
}

/** `admin.activity`: usage by day, model and endpoint over the last 30 days (one answer, no pages). */
export interface ActivityResource {
  get(filters?: QueryParams<"getUserActivity">): Promise<ActivityItem[]>;
}

/** `admin.organization`: the organization's members. */
export interface OrganizationResource {
  members: { list(options?: ListOptions): Paginated<OrganizationMember> };
}

export function creditsResource(client: OpenRouterClient): CreditsResource {
  return { get: async () => (await unwrap(client.GET("/credits"))).data };
}

export function activityResource(client: OpenRouterClient): ActivityResource {
  return {
    get: async (filters = {}) =>
      (await unwrap(client.GET("/activity", { params: { query: filters } }))).data,
  };
}

export function organizationResource(client: OpenRouterClient): OrganizationResource {
  return {
    members: {
      list: (options) =>
        paginate(async (offset, limit) => {
          const query = limit === undefined ? { offset } : { offset, limit };
          const page = await unwrap(client.GET("/organization/members", { params: { query } }));
          return { items: page.data, totalCount: page.total_count };
        }, options),
    },
  };
}
