import { unwrap, type OpenRouterClient } from "@or/fetch";
import { pageQuery, paginate, type ListOptions, type Paginated } from "../pagination";
import type {
  CreateScimGroupMappingBody,
  ScimGroup,
  ScimGroupMapping,
  UpdateScimGroupMappingBody,
} from "../types";

/**
 * `admin.scim`: the groups your identity provider pushes (read only) and the mappings that give
 * a group's members a role in a workspace.
 */
export interface ScimResource {
  groups(options?: ListOptions): Paginated<ScimGroup>;
  mappings: {
    list(options?: ListOptions): Paginated<ScimGroupMapping>;
    get(id: string): Promise<ScimGroupMapping>;
    create(body: CreateScimGroupMappingBody): Promise<ScimGroupMapping>;
    update(id: string, body: UpdateScimGroupMappingBody): Promise<ScimGroupMapping>;
    /**
     * Deletes a mapping. `keepMembers` is required, as by the API: `true` leaves the members it
     * granted in the workspace (managed by hand from then on), `false` removes them.
     */
    delete(id: string, options: { keepMembers: boolean }): Promise<void>;
  };
}

export function scimResource(client: OpenRouterClient): ScimResource {
  const byId = (id: string) => ({ params: { path: { id } } });
  return {
    groups: (options) =>
      paginate(async (offset, limit) => {
        const query = pageQuery(offset, limit);
        const page = await unwrap(client.GET("/scim/groups", { params: { query } }));
        return { items: page.data, totalCount: page.total_count };
      }, options),
    mappings: {
      list: (options) =>
        paginate(async (offset, limit) => {
          const query = pageQuery(offset, limit);
          const page = await unwrap(client.GET("/scim/group-mappings", { params: { query } }));
          return { items: page.data, totalCount: page.total_count };
        }, options),
      get: async (id) => (await unwrap(client.GET("/scim/group-mappings/{id}", byId(id)))).data,
      create: async (body) => (await unwrap(client.POST("/scim/group-mappings", { body }))).data,
      update: async (id, body) =>
        (await unwrap(client.PATCH("/scim/group-mappings/{id}", { ...byId(id), body }))).data,
      delete: async (id, { keepMembers }) => {
        await unwrap(
          client.DELETE("/scim/group-mappings/{id}", {
            params: { path: { id }, query: { keep_members: keepMembers } },
          }),
        );
      },
    },
  };
}
