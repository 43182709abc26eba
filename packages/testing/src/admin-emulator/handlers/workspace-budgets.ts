import { optionalBoolean } from "../body-fields";
import { badRequest, notFound } from "../http-error";
import { newId, nowIso } from "../ids";
import { BUDGET_INTERVALS, type BudgetInterval, type WorkspaceBudgetRecord } from "../records";
import { ok, type HandlerContext, type Route } from "../route-types";
import type { AdminStore } from "../store";
import { workspaceOr404 } from "./workspaces";

function interval(value: string | undefined): BudgetInterval {
  if (!BUDGET_INTERVALS.includes(value as BudgetInterval)) {
    throw badRequest(`interval must be one of ${BUDGET_INTERVALS.join(", ")}, got ${value}.`);
  }
  return value as BudgetInterval;
}

function budgetsOf(store: AdminStore, ctx: HandlerContext) {
  const workspace = workspaceOr404(store, ctx.params.id);
  return {
    workspace,
    budgets: store.budgets.get(workspace.id) as Map<BudgetInterval, WorkspaceBudgetRecord>,
  };
}

function budgetOr404(ctx: HandlerContext) {
  const { workspace, budgets } = budgetsOf(ctx.store, ctx);
  const wanted = interval(ctx.params.interval);
  const budget = budgets.get(wanted);
  if (!budget) throw notFound(`Workspace ${workspace.slug} has no ${wanted} budget.`);
  return { workspace, budgets, budget, wanted };
}

/** A lifetime budget never resets: its `reset_interval` is null. */
function upsertBudget(ctx: HandlerContext) {
  const { workspace, budgets } = budgetsOf(ctx.store, ctx);
  const wanted = interval(ctx.params.interval);
  const limit = ctx.body.limit_usd;
  if (typeof limit !== "number" || !Number.isFinite(limit) || limit < 0) {
    throw badRequest("limit_usd is required and must be a number of 0 or more.");
  }
  const includeByok = optionalBoolean(ctx.body, "include_byok_in_budgets");
  if (includeByok !== undefined) workspace.include_byok_in_budgets = includeByok;
  const now = nowIso();
  const existing = budgets.get(wanted);
  const budget: WorkspaceBudgetRecord = existing
    ? { ...existing, limit_usd: limit, updated_at: now }
    : {
        id: newId(),
        workspace_id: workspace.id,
        limit_usd: limit,
        reset_interval: wanted === "lifetime" ? null : wanted,
        created_at: now,
        updated_at: now,
      };
  budgets.set(wanted, budget);
  return ok({ data: budget, include_byok_in_budgets: workspace.include_byok_in_budgets });
}

export const budgetRoutes: Route[] = [
  {
    method: "GET",
    path: "/workspaces/{id}/budgets",
    operationId: "listWorkspaceBudgets",
    handler: (ctx) => {
      const { workspace, budgets } = budgetsOf(ctx.store, ctx);
      return ok({
        data: [...budgets.values()],
        include_byok_in_budgets: workspace.include_byok_in_budgets,
      });
    },
  },
  {
    method: "GET",
    path: "/workspaces/{id}/budgets/{interval}",
    operationId: "getWorkspaceBudget",
    handler: (ctx) => {
      const { workspace, budget } = budgetOr404(ctx);
      return ok({ data: budget, include_byok_in_budgets: workspace.include_byok_in_budgets });
    },
  },
  {
    method: "PUT",
    path: "/workspaces/{id}/budgets/{interval}",
    operationId: "upsertWorkspaceBudget",
    handler: upsertBudget,
    hasBody: true,
  },
  {
    method: "DELETE",
    path: "/workspaces/{id}/budgets/{interval}",
    operationId: "deleteWorkspaceBudget",
    handler: (ctx) => {
      const { budgets, wanted } = budgetOr404(ctx);
      budgets.delete(wanted);
      return ok({ deleted: true });
    },
  },
];
