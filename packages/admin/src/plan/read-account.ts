import type { AdminResources } from "../admin-resources";
import type { DesiredState } from "../state/desired-state";
import type { ApiKey, BudgetInterval, Guardrail, Workspace } from "../types";
import { readConcurrently } from "./read-concurrently";
import { runLimited } from "./run-limited";

/** The parts of the account a plan compares with. */
export interface AccountSnapshot {
  workspaces: Workspace[];
  guardrails: Guardrail[];
  /** Disabled keys included. */
  keys: ApiKey[];
  /** key hash → the guardrail it holds. */
  keyGuardrail: Map<string, string>;
  /** guardrail id → assigned member user ids (read when the state manages guardrail members). */
  guardrailMembers: Map<string, string[]>;
  /** workspace id → interval → limit (for workspaces the state lists). */
  budgets: Map<string, Map<BudgetInterval, number>>;
  /** workspace id → member user ids (for workspaces the state lists with members). */
  workspaceMembers: Map<string, string[]>;
  /** How many pages and records were read (a list's final empty page is not counted). */
  requests: number;
}

export interface ReadOptions {
  concurrency: number;
  /** Called after each page or record read, for progress displays. */
  onRequest?: () => void;
}

/**
 * Reads what a plan needs: every workspace, and in each its guardrails and keys; the account's
 * key (and, when needed, member) assignments; budgets and members of the workspaces the state
 * lists. Requests run `concurrency` at a time.
 */
export async function readAccount(
  admin: AdminResources,
  desired: DesiredState,
  options: ReadOptions,
): Promise<AccountSnapshot> {
  let requests = 0;
  const counted = <T>(list: { pages(): AsyncIterable<{ items: T[] }> }) => ({
    async all(): Promise<T[]> {
      const items: T[] = [];
      let pages = 0;
      for await (const page of list.pages()) {
        pages += 1;
        requests += 1;
        options.onRequest?.();
        for (const item of page.items) items.push(item);
      }
      // An empty list is still one read.
      if (pages === 0) {
        requests += 1;
        options.onRequest?.();
      }
      return items;
    },
  });
  const count = () => {
    requests += 1;
    options.onRequest?.();
  };
  const once = async <T>(call: () => Promise<T>): Promise<T> => {
    const result = await call();
    requests += 1;
    options.onRequest?.();
    return result;
  };

  const workspaces = await counted(admin.workspaces.list()).all();
  const guardrails: Guardrail[] = [];
  const keys: ApiKey[] = [];
  const keyGuardrail = new Map<string, string>();
  const guardrailMembers = new Map<string, string[]>();
  const budgets = new Map<string, Map<BudgetInterval, number>>();
  const workspaceMembers = new Map<string, string[]>();
  const listed = new Map((desired.workspaces ?? []).map((w) => [w.slug, w]));
  const managesGuardrailMembers = (desired.guardrails ?? []).some((g) => g.members !== undefined);

  // Account-wide, so many pages: read side by side first, then the rest (never more than
  // `concurrency` requests in flight).
  const assignments = await readConcurrently(
    (o) => admin.guardrails.allKeyAssignments(o),
    options.concurrency,
    count,
  );
  for (const a of assignments) keyGuardrail.set(a.key_hash, a.guardrail_id);
  const tasks: Array<() => Promise<void>> = [];
  if (managesGuardrailMembers) {
    tasks.push(async () => {
      for (const a of await counted(admin.guardrails.allMemberAssignments()).all()) {
        guardrailMembers.set(a.guardrail_id, [
          ...(guardrailMembers.get(a.guardrail_id) ?? []),
          a.user_id,
        ]);
      }
    });
  }
  for (const workspace of workspaces) {
    tasks.push(async () => {
      guardrails.push(
        ...(await counted(admin.guardrails.list({ workspaceId: workspace.id })).all()),
      );
    });
    tasks.push(async () => {
      keys.push(
        ...(await counted(
          admin.keys.list({ workspaceId: workspace.id, includeDisabled: true }),
        ).all()),
      );
    });
    const wanted = listed.get(workspace.slug);
    if (wanted?.budgets !== undefined) {
      tasks.push(async () => {
        const list = await once(() => admin.workspaces.budgets.list(workspace.id));
        budgets.set(
          workspace.id,
          new Map(list.data.map((b) => [intervalOf(b.reset_interval), b.limit_usd])),
        );
      });
    }
    if (wanted?.members !== undefined) {
      tasks.push(async () => {
        const members = await counted(admin.workspaces.members.list(workspace.id)).all();
        workspaceMembers.set(
          workspace.id,
          members.map((m) => m.user_id),
        );
      });
    }
  }
  const { failures } = await runLimited(tasks, options.concurrency, (task) => task());
  if (failures[0]) throw failures[0].error;
  return {
    workspaces,
    guardrails,
    keys,
    keyGuardrail,
    guardrailMembers,
    budgets,
    workspaceMembers,
    requests,
  };
}

/** A budget without a reset interval is the lifetime budget. */
const intervalOf = (reset: string | null): BudgetInterval =>
  (reset ?? "lifetime") as BudgetInterval;
