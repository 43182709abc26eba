import { unwrap, type OpenRouterClient } from "@or/fetch";
import { pageQuery, paginate, type ListOptions, type Paginated } from "../pagination";
import type {
  BudgetInterval,
  CreateWorkspaceBody,
  UpdateWorkspaceBody,
  UpsertBudgetBody,
  Workspace,
  WorkspaceBudget,
  WorkspaceBudgets,
  WorkspaceMember,
} from "../types";

/** The bulk member calls take at most this many user ids; longer lists are sent in chunks. */
const MEMBER_CHUNK = 100;

/** `admin.workspaces`: workspaces (by id or slug), their budgets and members. */
export interface WorkspacesResource {
  list(options?: ListOptions): Paginated<Workspace>;
  get(idOrSlug: string): Promise<Workspace>;
  create(body: CreateWorkspaceBody): Promise<Workspace>;
  update(idOrSlug: string, body: UpdateWorkspaceBody): Promise<Workspace>;
  /** Fails while the workspace has API keys. */
  delete(idOrSlug: string): Promise<void>;
  budgets: {
    list(idOrSlug: string): Promise<WorkspaceBudgets>;
    get(idOrSlug: string, interval: BudgetInterval): Promise<WorkspaceBudget>;
    /** Creates or replaces the budget of one interval. */
    set(
      idOrSlug: string,
      interval: BudgetInterval,
      body: UpsertBudgetBody,
    ): Promise<WorkspaceBudget>;
    delete(idOrSlug: string, interval: BudgetInterval): Promise<void>;
  };
  members: {
    list(idOrSlug: string, options?: ListOptions): Paginated<WorkspaceMember>;
    /** Adds organization members (in chunks of 100). Resolves to how many were added. */
    add(idOrSlug: string, userIds: string[]): Promise<number>;
    remove(idOrSlug: string, userIds: string[]): Promise<number>;
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function workspacesResource(client: OpenRouterClient): WorkspacesResource {
  const byId = (id: string) => ({ params: { path: { id } } });
  const budgetPath = (id: string, interval: BudgetInterval) => ({
    params: { path: { id, interval } },
  });
  const inChunks = async (userIds: string[], send: (ids: string[]) => Promise<number>) => {
    let total = 0;
    for (const chunk of chunks(userIds, MEMBER_CHUNK)) total += await send(chunk);
    return total;
  };
  return {
    list: (options) =>
      paginate(async (offset, limit) => {
        const query = pageQuery(offset, limit);
        const page = await unwrap(client.GET("/workspaces", { params: { query } }));
        return { items: page.data, totalCount: page.total_count };
      }, options),
    get: async (id) => (await unwrap(client.GET("/workspaces/{id}", byId(id)))).data,
    create: async (body) => (await unwrap(client.POST("/workspaces", { body }))).data,
    update: async (id, body) =>
      (await unwrap(client.PATCH("/workspaces/{id}", { ...byId(id), body }))).data,
    delete: async (id) => {
      await unwrap(client.DELETE("/workspaces/{id}", byId(id)));
    },
    budgets: {
      list: (id) => unwrap(client.GET("/workspaces/{id}/budgets", byId(id))),
      get: async (id, interval) =>
        (await unwrap(client.GET("/workspaces/{id}/budgets/{interval}", budgetPath(id, interval))))
          .data,
      set: async (id, interval, body) =>
        (
          await unwrap(
            client.PUT("/workspaces/{id}/budgets/{interval}", {
              ...budgetPath(id, interval),
              body,
            }),
          )
        ).data,
      delete: async (id, interval) => {
        await unwrap(
          client.DELETE("/workspaces/{id}/budgets/{interval}", budgetPath(id, interval)),
        );
      },
    },
    members: {
      list: (id, options) =>
        paginate(async (offset, limit) => {
          const query = pageQuery(offset, limit);
          const page = await unwrap(
            client.GET("/workspaces/{id}/members", { params: { path: { id }, query } }),
          );
          return { items: page.data, totalCount: page.total_count };
        }, options),
      add: (id, userIds) =>
        inChunks(userIds, async (ids) => {
          const result = await unwrap(
            client.POST("/workspaces/{id}/members/add", { ...byId(id), body: { user_ids: ids } }),
          );
          return result.added_count;
        }),
      remove: (id, userIds) =>
        inChunks(userIds, async (ids) => {
          const result = await unwrap(
            client.POST("/workspaces/{id}/members/remove", {
              ...byId(id),
              body: { user_ids: ids },
            }),
          );
          return result.removed_count;
        }),
    },
  };
}
