import type { AdminResources } from "../admin-resources";
import type { CreateGuardrailBody, CreateKeyBody, CreateWorkspaceBody } from "../types";
import type { Plan, PlanRefs, PlanStep, StepOperation } from "./plan-types";
import { runLimited } from "./run-limited";
import { runSettingsOperation } from "./apply-settings";

/** A key `apply` created, with its secret: shown this once. */
export interface CreatedSecret {
  name: string;
  hash: string;
  key: string;
}

export interface ApplyOptions {
  /** Steps of one phase in flight at once. Default 8. */
  concurrency?: number;
  /** Called as each step finishes. */
  onStep?: (event: { step: PlanStep; done: number; total: number; error?: unknown }) => void;
}

export interface ApplyResult {
  applied: PlanStep[];
  /** Keys created, with their secrets: store them now, they cannot be read again. */
  createdKeys: CreatedSecret[];
}

/**
 * An apply that stopped: what was done, what failed and what was not tried. The account is as
 * far as `applied` says; planning again shows what is left. `createdKeys` holds the secrets of
 * keys created before the failure (kept off `message` and JSON).
 */
export class ApplyError extends Error {
  override name = "ApplyError";
  declare readonly createdKeys: CreatedSecret[];

  constructor(
    readonly applied: PlanStep[],
    readonly failed: Array<{ step: PlanStep; error: unknown }>,
    readonly pending: PlanStep[],
    createdKeys: CreatedSecret[],
  ) {
    const lines = failed.map(
      ({ step, error }) =>
        `  ${step.action} ${step.address}: ${(error as Error).message ?? String(error)}`,
    );
    super(
      `Apply stopped: ${failed.length} step(s) failed, ${applied.length} done, ${pending.length} not tried.\n${lines.join("\n")}\n` +
        "Run plan again to see what is left.",
    );
    Object.defineProperty(this, "createdKeys", { value: createdKeys, enumerable: false });
  }
}

/** Assignment calls carry at most this many keys or members each. */
const CHUNK = 100;

/**
 * Runs a plan's steps phase by phase (workspaces, their budgets and members, guardrails, keys,
 * assignments, then deletes in reverse), the steps of a phase in parallel. Stops after the phase
 * where a step fails, with an `ApplyError`. Applying a fresh plan of the same state again finds
 * nothing to do.
 * @example
 * const { createdKeys } = await admin.apply(plan);
 * for (const k of createdKeys) await saveSecret(k.name, k.key);
 */
export async function applyPlan(
  admin: AdminResources,
  plan: Plan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const refs: PlanRefs = structuredClone(plan.refs);
  const createdKeys: CreatedSecret[] = [];
  const applied: PlanStep[] = [];
  const phases = [...new Set(plan.steps.map((s) => s.phase))].sort((a, b) => a - b);
  for (const phase of phases) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    const failures = await runLimited(steps, options.concurrency ?? 8, async (step) => {
      try {
        await run(admin, step.operation, refs, createdKeys);
      } catch (error) {
        options.onStep?.({ step, done: applied.length, total: plan.steps.length, error });
        throw error;
      }
      applied.push(step);
      options.onStep?.({ step, done: applied.length, total: plan.steps.length });
    });
    if (failures.length > 0) {
      const pending = plan.steps.filter((s) => s.phase > phase);
      throw new ApplyError(
        applied,
        failures.map((f) => ({ step: f.item, error: f.error })),
        pending,
        createdKeys,
      );
    }
  }
  return { applied, createdKeys };
}

function resolve(map: Record<string, string>, name: string, what: string): string {
  const id = map[name];
  if (id === undefined)
    throw new Error(`${what} "${name}" does not exist (was an earlier step skipped?)`);
  return id;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function run(
  admin: AdminResources,
  op: StepOperation,
  refs: PlanRefs,
  createdKeys: CreatedSecret[],
): Promise<void> {
  const workspaceId = (slug: string | undefined) =>
    slug === undefined ? {} : { workspace_id: resolve(refs.workspaces, slug, "workspace") };
  switch (op.type) {
    case "createWorkspace": {
      const created = await admin.workspaces.create(op.body as CreateWorkspaceBody);
      refs.workspaces[created.slug] = created.id;
      return;
    }
    case "updateWorkspace":
      await admin.workspaces.update(op.id, op.body);
      return;
    case "deleteWorkspace":
      return admin.workspaces.delete(op.id);
    case "setBudget":
      await admin.workspaces.budgets.set(
        resolve(refs.workspaces, op.workspace, "workspace"),
        op.interval,
        {
          limit_usd: op.limitUsd,
        },
      );
      return;
    case "deleteBudget":
      return admin.workspaces.budgets.delete(
        resolve(refs.workspaces, op.workspace, "workspace"),
        op.interval,
      );
    case "addWorkspaceMembers":
      await admin.workspaces.members.add(
        resolve(refs.workspaces, op.workspace, "workspace"),
        op.userIds,
      );
      return;
    case "removeWorkspaceMembers":
      await admin.workspaces.members.remove(
        resolve(refs.workspaces, op.workspace, "workspace"),
        op.userIds,
      );
      return;
    case "createGuardrail": {
      const body = { ...op.body, ...workspaceId(op.workspace) } as CreateGuardrailBody;
      refs.guardrails[op.body.name] = (await admin.guardrails.create(body)).id;
      return;
    }
    case "updateGuardrail":
      await admin.guardrails.update(op.id, op.body);
      return;
    case "deleteGuardrail":
      return admin.guardrails.delete(op.id);
    case "assignGuardrailMembers":
      for (const part of chunks(op.userIds)) {
        await admin.guardrails.assignMembers(
          resolve(refs.guardrails, op.guardrail, "guardrail"),
          part,
        );
      }
      return;
    case "unassignGuardrailMembers":
      for (const part of chunks(op.userIds)) {
        await admin.guardrails.unassignMembers(
          resolve(refs.guardrails, op.guardrail, "guardrail"),
          part,
        );
      }
      return;
    case "createKey": {
      const created = await admin.keys.create({
        ...op.body,
        ...workspaceId(op.workspace),
      } as CreateKeyBody);
      refs.keys[op.body.name] = created.data.hash;
      createdKeys.push({ name: created.data.name, hash: created.data.hash, key: created.key });
      if (op.disable) await admin.keys.update(created.data.hash, { disabled: true });
      return;
    }
    case "updateKey":
      await admin.keys.update(op.hash, op.body);
      return;
    case "deleteKey":
      return admin.keys.delete(op.hash);
    case "assignKeys": {
      const guardrailId = resolve(refs.guardrails, op.guardrail, "guardrail");
      const hashes = op.keys.map((name) => resolve(refs.keys, name, "key"));
      for (const part of chunks(hashes)) await admin.guardrails.assignKeys(guardrailId, part);
      return;
    }
    case "createByok":
    case "updateByok":
    case "deleteByok":
    case "createDestination":
    case "updateDestination":
    case "deleteDestination":
    case "createScimMapping":
    case "updateScimMapping":
    case "deleteScimMapping":
      return runSettingsOperation(admin, op, refs);
    case "unassignKeys":
      for (const part of chunks(op.keys.map((k) => k.hash)))
        await admin.guardrails.unassignKeys(op.guardrailId, part);
      return;
  }
}
