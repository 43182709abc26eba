import { reasonOf } from "../reason";
import { positiveCount } from "../whole-number";
import type { AdminResources } from "../admin-resources";
import type { CreateGuardrailBody, CreateKeyBody, CreateWorkspaceBody } from "../types";
import { ApplyError, StepFailure, type CreatedSecret, type FailedStep } from "./apply-error";
import type { Plan, PlanRefs, PlanStep, StepOperation } from "./plan-types";
import { createdTwice, takenSincePlan } from "./concurrent-creates";
import { createGuardrailOnce, createKeyOnce, createWorkspaceOnce } from "./create-once";
import { mayHaveActed } from "./uncertain";
import { runLimited } from "./run-limited";
import { runSettingsOperation } from "./apply-settings";

export { ApplyError, type CreatedSecret } from "./apply-error";

export interface ApplyOptions {
  /** Steps of one phase in flight at once: a whole number of 1 or more. Default 8. */
  concurrency?: number;
  /** Called as each step finishes. */
  onStep?: (event: { step: PlanStep; done: number; total: number; error?: unknown }) => void;
  /**
   * Called with each new key's secret as soon as the key exists, and awaited before the step
   * goes on: store it here, so that no later failure or crash can lose it. When it throws, apply
   * starts no further step and throws `ApplyError` (the secret is in `createdKeys`).
   */
  onSecret?: (secret: CreatedSecret) => void | Promise<void>;
  /**
   * Stops the apply: no further step starts, those in flight finish (a request is never cut),
   * then `ApplyError` with `interrupted: true` says what was done.
   */
  signal?: AbortSignal;
}

export interface ApplyResult {
  applied: PlanStep[];
  /** Keys created, with their secrets: store them now, they cannot be read again. */
  createdKeys: CreatedSecret[];
  /** Creates whose answer was lost but that reading the account back found done. */
  notes: string[];
}

/** What the steps of one apply share. */
interface ApplyRun {
  admin: AdminResources;
  refs: RefMaps;
  createdKeys: CreatedSecret[];
  notes: string[];
  onSecret: (secret: CreatedSecret) => Promise<void>;
}

/** Assignment calls carry at most this many keys or members each. */
const CHUNK = 100;

/**
 * Runs a plan's steps phase by phase (workspaces, their budgets and members, guardrails, keys,
 * assignments, then deletes in reverse), the steps of a phase in parallel. Stops after the phase
 * where a step fails, with an `ApplyError` that says what exists now. A create whose answer was
 * lost (reset, timeout, 5xx, cut body) is never sent again: the account is read back, and a key
 * that exists without its secret is reported in `lostSecrets`. Applying a fresh plan of the same
 * state again finds nothing to do.
 * @example
 * const { createdKeys } = await admin.apply(plan, {
 *   onSecret: (k) => saveSecret(k.name, k.key), // as soon as each key exists
 * });
 */
export async function applyPlan(
  admin: AdminResources,
  plan: Plan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const concurrency = positiveCount("concurrency", options.concurrency, 8);
  let handOverFailed = false;
  const run: ApplyRun = {
    admin,
    refs: refMaps(plan.refs),
    createdKeys: [],
    notes: [],
    onSecret: async (secret) => {
      run.createdKeys.push(secret);
      try {
        await options.onSecret?.(secret);
      } catch (error) {
        handOverFailed = true;
        throw new StepFailure(
          `storing the secret of key "${secret.name}" ${secret.hash} failed: ${reasonOf(error)}`,
          `the key exists; its secret is in error.createdKeys`,
          [],
          error,
        );
      }
    },
  };
  const applied: PlanStep[] = [];
  const stopped = () => handOverFailed || options.signal?.aborted === true;
  const phases = [...new Set(plan.steps.map((s) => s.phase))].sort((a, b) => a - b);
  for (const phase of phases) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    const workspaceOf = (slug: string) => run.refs.workspaces.get(slug);
    const taken = stopped() ? new Map() : await takenSincePlan(admin, steps, workspaceOf);
    const { failures, notStarted } = await runLimited(
      steps,
      concurrency,
      async (step) => {
        try {
          const conflict = taken.get(step);
          if (conflict) throw conflict;
          await runStep(run, step.operation);
        } catch (error) {
          options.onStep?.({ step, done: applied.length, total: plan.steps.length, error });
          throw error;
        }
        applied.push(step);
        options.onStep?.({ step, done: applied.length, total: plan.steps.length });
      },
      stopped,
    );
    if (steps.some((s) => s.operation.type === "createKey")) {
      const ours = new Map(run.createdKeys.map((k) => [k.name, k.hash]));
      for (const line of await createdTwice(admin, steps, ours, workspaceOf)) run.notes.push(line);
    }
    const pending = [...notStarted, ...plan.steps.filter((s) => s.phase > phase)];
    if (failures.length > 0 || (stopped() && pending.length > 0)) {
      throw new ApplyError({
        applied,
        failed: failures.map((f) => failed(f.item, f.error)),
        pending,
        createdKeys: run.createdKeys,
        lostSecrets: failures.flatMap((f) =>
          f.error instanceof StepFailure ? f.error.lostSecrets : [],
        ),
        interrupted: failures.length === 0,
        notes: run.notes,
      });
    }
  }
  return { applied, createdKeys: run.createdKeys, notes: run.notes };
}

function failed(step: PlanStep, error: unknown): FailedStep {
  if (error instanceof StepFailure) return { step, error, outcome: error.outcome };
  const outcome =
    step.action === "create"
      ? "it was not created"
      : mayHaveActed(error)
        ? "it may or may not have been done; plan again shows which"
        : "it was not done";
  return { step, error, outcome };
}

/** Ids by the names the state uses, in Maps: names come from files and are never object keys. */
interface RefMaps {
  workspaces: Map<string, string>;
  guardrails: Map<string, string>;
  keys: Map<string, string>;
}

function refMaps(refs: PlanRefs): RefMaps {
  const map = (record: Record<string, string>) => new Map(Object.entries(record));
  return {
    workspaces: map(refs.workspaces),
    guardrails: map(refs.guardrails),
    keys: map(refs.keys),
  };
}

function resolve(map: Map<string, string>, name: string, what: string): string {
  const id = map.get(name);
  if (id === undefined)
    throw new Error(`${what} "${name}" does not exist (was an earlier step skipped?)`);
  return id;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function runStep(run: ApplyRun, op: StepOperation): Promise<void> {
  const { admin, refs } = run;
  const workspace = (slug: string) => resolve(refs.workspaces, slug, "workspace");
  const workspaceId = (slug: string | undefined) =>
    slug === undefined ? {} : { workspace_id: workspace(slug) };
  switch (op.type) {
    case "createWorkspace": {
      const body = op.body as CreateWorkspaceBody;
      const created = await createWorkspaceOnce(admin, body, run.notes);
      refs.workspaces.set(created.slug, created.id);
      return;
    }
    case "updateWorkspace":
      await admin.workspaces.update(op.id, op.body);
      return;
    case "deleteWorkspace":
      return admin.workspaces.delete(op.id);
    case "setBudget":
      await admin.workspaces.budgets.set(workspace(op.workspace), op.interval, {
        limit_usd: op.limitUsd,
      });
      return;
    case "deleteBudget":
      return admin.workspaces.budgets.delete(workspace(op.workspace), op.interval);
    case "addWorkspaceMembers":
      await admin.workspaces.members.add(workspace(op.workspace), op.userIds);
      return;
    case "removeWorkspaceMembers":
      await admin.workspaces.members.remove(workspace(op.workspace), op.userIds);
      return;
    case "createGuardrail": {
      const body = { ...op.body, ...workspaceId(op.workspace) } as CreateGuardrailBody;
      refs.guardrails.set(op.body.name, (await createGuardrailOnce(admin, body, run.notes)).id);
      return;
    }
    case "updateGuardrail":
      await admin.guardrails.update(op.id, op.body);
      return;
    case "deleteGuardrail":
      return admin.guardrails.delete(op.id);
    case "assignGuardrailMembers":
      for (const part of chunks(op.userIds))
        await admin.guardrails.assignMembers(
          resolve(refs.guardrails, op.guardrail, "guardrail"),
          part,
        );
      return;
    case "unassignGuardrailMembers":
      for (const part of chunks(op.userIds))
        await admin.guardrails.unassignMembers(
          resolve(refs.guardrails, op.guardrail, "guardrail"),
          part,
        );
      return;
    case "createKey":
      return createKeyStep(run, op, workspaceId(op.workspace));
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

/** Creates a key, hands its secret over at once, then disables it when the state says so. */
async function createKeyStep(
  run: ApplyRun,
  op: Extract<StepOperation, { type: "createKey" }>,
  workspace: { workspace_id?: string },
): Promise<void> {
  const body = { ...op.body, ...workspace } as CreateKeyBody;
  const created = await createKeyOnce(run.admin, body);
  const { name, hash } = created.data;
  await run.onSecret({ name, hash, key: created.key });
  run.refs.keys.set(op.body.name, hash);
  if (!op.disable) return;
  try {
    await run.admin.keys.update(hash, { disabled: true });
  } catch (error) {
    throw new StepFailure(
      reasonOf(error),
      `key "${name}" ${hash} was created (its secret was handed over) but disabling it failed: it may be enabled`,
      [],
      error,
    );
  }
}
