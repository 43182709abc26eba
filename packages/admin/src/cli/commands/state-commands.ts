import { ApplyError, type ApplyResult } from "../../plan/apply-plan";
import type { Plan } from "../../plan/plan-types";
import { renderPlan } from "../../plan/render-plan";
import { planToJson } from "../../plan/plan-json";
import { loadStateFile } from "../../state/parse-state";
import { EXIT, UsageError } from "../cli-error";
import type { CliContext } from "../cli-context";
import { Progress } from "../progress";
import { fileFailure } from "../failure-message";
import { confirm } from "../prompt";
import { reportStop } from "../report-stop";
import { SecretHandOver } from "../secrets-handover";
import { onStopSignals } from "../stop-signals";

/** The plan as JSON for `--json` (versioned: `schema/plan.schema.json`). */
const planJson = planToJson;

async function makePlanFor(context: CliContext): Promise<Plan> {
  const { args } = context;
  if (!args.file) throw new UsageError(`${args.command[0]} needs the state file: -f <state.yaml>`);
  const file = args.file;
  const state = await loadStateFile(file).catch((error: unknown) => {
    throw fileFailure(file, error);
  });
  const progress = new Progress();
  const started = Date.now();
  const plan = await context.admin().plan(state, {
    prune: args.prune,
    concurrency: args.concurrency,
    onProgress: () => progress.update("Reading the account, requests", context.requests()),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  progress.finish(`Read the account in ${context.requests()} requests (${seconds} s).`);
  return plan;
}

/** `or-admin plan`: exit 0 when nothing would change, 2 when something would. */
export async function planCommand(context: CliContext): Promise<number> {
  const plan = await makePlanFor(context);
  context.out(context.args.json ? JSON.stringify(planJson(plan), null, 2) : renderPlan(plan));
  return plan.steps.length === 0 ? EXIT.ok : EXIT.changes;
}

/** `or-admin apply`: shows the plan, asks unless `--yes`, applies, hands over new secrets. */
export async function applyCommand(context: CliContext): Promise<number> {
  // The secrets file is checked (and opened) before anything else: a bad path changes nothing.
  const secrets = await SecretHandOver.open(context);
  try {
    return await planAndApply(context, secrets);
  } finally {
    await secrets.close();
  }
}

async function planAndApply(context: CliContext, secrets: SecretHandOver): Promise<number> {
  const { args } = context;
  const plan = await makePlanFor(context);
  if (plan.steps.length === 0) {
    context.out(
      args.json
        ? JSON.stringify({ ...planJson(plan), applied: 0, createdKeys: [] }, null, 2)
        : renderPlan(plan),
    );
    return EXIT.ok;
  }
  (args.json ? context.err : context.out)(renderPlan(plan));
  if (
    !args.yes &&
    !(await confirm(
      plan.steps.length === 1
        ? "\nApply this change?"
        : `\nApply these ${plan.steps.length} changes?`,
    ))
  ) {
    context.err("Apply cancelled; nothing was changed.");
    return EXIT.error;
  }
  const progress = new Progress();
  const stop = onStopSignals(context.err);
  let result: ApplyResult;
  try {
    result = await context.admin().apply(plan, {
      concurrency: args.concurrency,
      onStep: ({ done, total }) => progress.update("Applying", done, total),
      onSecret: secrets.take,
      signal: stop.signal,
    });
  } catch (error) {
    if (!(error instanceof ApplyError)) throw error;
    progress.finish("Apply stopped.");
    return reportStop(context, error, { applied: error.applied.length }, secrets, stop);
  } finally {
    stop.dispose();
  }
  const { create, update, delete: removed } = plan.summary;
  progress.finish(
    `Applied ${result.applied.length} changes: ${create} created, ${update} updated, ${removed} deleted.`,
  );
  for (const note of result.notes) context.err(note);
  const shown = secrets.finish();
  if (args.json) {
    context.out(
      JSON.stringify(
        { ...planJson(plan), applied: result.applied.length, createdKeys: shown },
        null,
        2,
      ),
    );
  }
  return EXIT.ok;
}
