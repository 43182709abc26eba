import { unwrap, type OpenRouterClient } from "@or/fetch";
import {
  pageQuery,
  paginate,
  type ListOptions,
  type PageQuery,
  type Paginated,
} from "../pagination";
import type {
  CreateGuardrailBody,
  Guardrail,
  KeyAssignment,
  MemberAssignment,
  UpdateGuardrailBody,
} from "../types";

/** `admin.guardrails`: spending limits and model/provider policies, and who they apply to. */
export interface GuardrailsResource {
  /** The guardrails of a workspace (default: the account's default workspace). */
  list(options?: ListOptions & { workspaceId?: string }): Paginated<Guardrail>;
  get(id: string): Promise<Guardrail>;
  create(body: CreateGuardrailBody): Promise<Guardrail>;
  update(id: string, body: UpdateGuardrailBody): Promise<Guardrail>;
  delete(id: string): Promise<void>;
  /** Keys assigned to one guardrail. */
  keyAssignments(id: string, options?: ListOptions): Paginated<KeyAssignment>;
  /** Organization members assigned to one guardrail. */
  memberAssignments(id: string, options?: ListOptions): Paginated<MemberAssignment>;
  /** Every key assignment of the account. */
  allKeyAssignments(options?: ListOptions): Paginated<KeyAssignment>;
  /** Every member assignment of the account. */
  allMemberAssignments(options?: ListOptions): Paginated<MemberAssignment>;
  /** Assigns keys (a key holds one guardrail: this replaces theirs). Resolves to how many changed. */
  assignKeys(id: string, keyHashes: string[]): Promise<number>;
  unassignKeys(id: string, keyHashes: string[]): Promise<number>;
  assignMembers(id: string, userIds: string[]): Promise<number>;
  unassignMembers(id: string, userIds: string[]): Promise<number>;
}

export function guardrailsResource(client: OpenRouterClient): GuardrailsResource {
  const byId = (id: string) => ({ params: { path: { id } } });
  const assignmentPage = <T>(
    fetch: (query: PageQuery) => Promise<{ data: T[]; total_count: number }>,
    options: ListOptions | undefined,
  ) =>
    paginate<T>(async (offset, limit) => {
      const page = await fetch(pageQuery(offset, limit));
      return { items: page.data, totalCount: page.total_count };
    }, options);

  return {
    list(options = {}) {
      return paginate(async (offset, limit) => {
        const query = pageQuery(offset, limit, { workspace_id: options.workspaceId });
        const page = await unwrap(client.GET("/guardrails", { params: { query } }));
        return { items: page.data, totalCount: page.total_count };
      }, options);
    },
    get: async (id) => (await unwrap(client.GET("/guardrails/{id}", byId(id)))).data,
    create: async (body) => (await unwrap(client.POST("/guardrails", { body }))).data,
    update: async (id, body) =>
      (await unwrap(client.PATCH("/guardrails/{id}", { ...byId(id), body }))).data,
    delete: async (id) => {
      await unwrap(client.DELETE("/guardrails/{id}", byId(id)));
    },
    keyAssignments: (id, options) =>
      assignmentPage(
        (query) =>
          unwrap(
            client.GET("/guardrails/{id}/assignments/keys", { params: { path: { id }, query } }),
          ),
        options,
      ),
    memberAssignments: (id, options) =>
      assignmentPage(
        (query) =>
          unwrap(
            client.GET("/guardrails/{id}/assignments/members", { params: { path: { id }, query } }),
          ),
        options,
      ),
    allKeyAssignments: (options) =>
      assignmentPage(
        (query) => unwrap(client.GET("/guardrails/assignments/keys", { params: { query } })),
        options,
      ),
    allMemberAssignments: (options) =>
      assignmentPage(
        (query) => unwrap(client.GET("/guardrails/assignments/members", { params: { query } })),
        options,
      ),
    assignKeys: async (id, keyHashes) =>
      (
        await unwrap(
          client.POST("/guardrails/{id}/assignments/keys", {
            ...byId(id),
            body: { key_hashes: keyHashes },
          }),
        )
      ).assigned_count,
    unassignKeys: async (id, keyHashes) =>
      (
        await unwrap(
          client.POST("/guardrails/{id}/assignments/keys/remove", {
            ...byId(id),
            body: { key_hashes: keyHashes },
          }),
        )
      ).unassigned_count,
    assignMembers: async (id, userIds) =>
      (
        await unwrap(
          client.POST("/guardrails/{id}/assignments/members", {
            ...byId(id),
            body: { member_user_ids: userIds },
          }),
        )
      ).assigned_count,
    unassignMembers: async (id, userIds) =>
      (
        await unwrap(
          client.POST("/guardrails/{id}/assignments/members/remove", {
            ...byId(id),
            body: { member_user_ids: userIds },
          }),
        )
      ).unassigned_count,
  };
}
