import type { AdminResources } from "../admin-resources";
import { reasonOf } from "../reason";
import { StepFailure } from "./apply-error";
import type { PlanStep, StepOperation } from "./plan-types";

// Two applies of one state at once would both create what the plan says is missing. What can
// be detected is: (1) a name taken between the plan and the create phase, read again right
// before it (that step fails, nothing is created); (2) after the phase, a created key's name held
// twice (another apply created it at the same moment), reported. Creates sent in the same
// instant by two applies cannot be prevented: the API has no conditional create.

type CreateOp = Extract<
  StepOperation,
  { type: "createKey" | "createGuardrail" | "createWorkspace" }
>;

const isCreate = (op: StepOperation): op is CreateOp =>
  op.type === "createKey" || op.type === "createGuardrail" || op.type === "createWorkspace";

/** The names of one kind that exist now in each workspace a phase creates in. */
async function namesNow(
  admin: AdminResources,
  type: CreateOp["type"],
  workspaceId: string | undefined,
): Promise<Map<string, string[]>> {
  const ws = workspaceId ? { workspaceId } : {};
  const items =
    type === "createKey"
      ? (await admin.keys.list({ ...ws, includeDisabled: true }).toArray()).map((k) => [
          k.name,
          k.hash,
        ])
      : type === "createGuardrail"
        ? (await admin.guardrails.list(ws).toArray()).map((g) => [g.name, g.id])
        : (await admin.workspaces.list().toArray()).map((w) => [w.slug, w.id]);
  const names = new Map<string, string[]>();
  for (const [name, id] of items as Array<[string, string]>) {
    const ids = names.get(name);
    if (ids) ids.push(id);
    else names.set(name, [id]);
  }
  return names;
}

const nameOf = (op: CreateOp) => (op.type === "createWorkspace" ? op.body.slug : op.body.name);

/** Reads the names a phase's creates would take, per kind and workspace. */
async function readNames(
  admin: AdminResources,
  steps: readonly PlanStep[],
  workspaceOf: (slug: string) => string | undefined,
): Promise<Map<string, Map<string, string[]>>> {
  const read = new Map<string, Map<string, string[]>>();
  for (const step of steps) {
    const op = step.operation;
    if (!isCreate(op)) continue;
    const wsId =
      op.type === "createWorkspace" || !op.workspace ? undefined : workspaceOf(op.workspace);
    const where = `${op.type} ${wsId ?? ""}`;
    if (!read.has(where)) read.set(where, await namesNow(admin, op.type, wsId));
  }
  return read;
}

function namesFor(
  read: Map<string, Map<string, string[]>>,
  op: CreateOp,
  workspaceOf: (slug: string) => string | undefined,
): string[] {
  const wsId =
    op.type === "createWorkspace" || !op.workspace ? undefined : workspaceOf(op.workspace);
  return read.get(`${op.type} ${wsId ?? ""}`)?.get(nameOf(op)) ?? [];
}

/**
 * Right before a phase: the create steps whose name exists now (made since the plan), each with
 * the `StepFailure` it fails with. Nothing is created for them.
 */
export async function takenSincePlan(
  admin: AdminResources,
  steps: readonly PlanStep[],
  workspaceOf: (slug: string) => string | undefined,
): Promise<Map<PlanStep, StepFailure>> {
  const taken = new Map<PlanStep, StepFailure>();
  if (!steps.some((s) => isCreate(s.operation))) return taken;
  let read: Map<string, Map<string, string[]>>;
  try {
    read = await readNames(admin, steps, workspaceOf);
  } catch (error) {
    for (const step of steps) {
      if (!isCreate(step.operation)) continue;
      const why = `could not read the account right before creating: ${reasonOf(error)}`;
      taken.set(step, new StepFailure(why, "nothing was created by this step", [], error));
    }
    return taken;
  }
  for (const step of steps) {
    const op = step.operation;
    if (!isCreate(op)) continue;
    const ids = namesFor(read, op, workspaceOf);
    if (ids.length === 0) continue;
    taken.set(
      step,
      new StepFailure(
        `${step.address} exists now (${ids.join(", ")}) though the plan found none: it was created since the plan (another apply running?)`,
        "nothing was created by this step; plan again",
      ),
    );
  }
  return taken;
}

/**
 * After a phase: names of keys this apply created that another key now shares (another apply
 * created it at the same moment). One line each, saying what to delete.
 */
export async function createdTwice(
  admin: AdminResources,
  steps: readonly PlanStep[],
  created: ReadonlyMap<string, string>,
  workspaceOf: (slug: string) => string | undefined,
): Promise<string[]> {
  const keySteps = steps.filter((s) => s.operation.type === "createKey");
  if (keySteps.length === 0) return [];
  let read: Map<string, Map<string, string[]>>;
  try {
    read = await readNames(admin, keySteps, workspaceOf);
  } catch (error) {
    return [
      `Could not check for keys created twice by applies running at once: ${reasonOf(error)}.`,
    ];
  }
  const lines: string[] = [];
  for (const step of keySteps) {
    const op = step.operation as CreateOp;
    const ours = created.get(nameOf(op));
    const others = namesFor(read, op, workspaceOf).filter((hash) => hash !== ours);
    if (!ours || others.length === 0) continue;
    lines.push(
      `Attention: key "${nameOf(op)}" exists twice: ours (${ours}) and ${others.join(", ")}, created at the ` +
        `same time, probably by another apply. Keep one: or-admin keys delete <hash> --yes removes the other.`,
    );
  }
  return lines;
}
