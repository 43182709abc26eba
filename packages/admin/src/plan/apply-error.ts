import { reasonOf } from "../reason";
import type { PlanStep } from "./plan-types";
import { lostSecretLine, type LostSecret } from "./read-back";

/** A key `apply` created, with its secret: shown this once. */
export interface CreatedSecret {
  name: string;
  hash: string;
  key: string;
}

/**
 * A step that failed, and what exists because of it: `outcome` says it in words ("it was not
 * created", "it exists but its secret was lost", …); `lostSecrets` lists keys that exist although
 * nobody holds their secret.
 */
export class StepFailure extends Error {
  override name = "StepFailure";
  constructor(
    message: string,
    readonly outcome: string,
    readonly lostSecrets: LostSecret[] = [],
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

export interface FailedStep {
  step: PlanStep;
  /** What failed; a `StepFailure` (its `cause` is the original error) when the outcome was read back. */
  error: unknown;
  /** What exists now because of this step, in words. */
  outcome: string;
}

export interface ApplyErrorInit {
  applied: PlanStep[];
  failed: FailedStep[];
  pending: PlanStep[];
  createdKeys: CreatedSecret[];
  lostSecrets: LostSecret[];
  /** Set when `signal` stopped the apply (no step failed). */
  interrupted: boolean;
  /** Creates whose answer was lost but that reading back found done. */
  notes: string[];
}

/**
 * An apply that stopped: because a step failed, storing a secret failed, or `signal` fired. The
 * message says what exists now: the steps done, the keys created (by name and hash), keys whose
 * secret was lost (with the command to delete or rotate them), and what each failed step left.
 * `createdKeys` holds the secrets of keys created before the stop (kept off `message` and JSON).
 */
export class ApplyError extends Error {
  override name = "ApplyError";
  declare readonly createdKeys: CreatedSecret[];
  readonly applied: PlanStep[];
  readonly failed: FailedStep[];
  readonly pending: PlanStep[];
  readonly lostSecrets: LostSecret[];
  readonly interrupted: boolean;

  constructor(init: ApplyErrorInit) {
    super(applyErrorMessage(init));
    this.applied = init.applied;
    this.failed = init.failed;
    this.pending = init.pending;
    this.lostSecrets = init.lostSecrets;
    this.interrupted = init.interrupted;
    Object.defineProperty(this, "createdKeys", { value: init.createdKeys, enumerable: false });
  }
}

function applyErrorMessage(init: ApplyErrorInit): string {
  const { applied, failed, pending, createdKeys, lostSecrets } = init;
  const why = init.interrupted ? "interrupted" : `${failed.length} step(s) failed`;
  const lines = [
    `Apply stopped (${why}): ${applied.length} step(s) done, ${failed.length} failed, ${pending.length} not tried.`,
  ];
  for (const { step, error, outcome } of failed)
    lines.push(`  failed: ${step.action} ${step.address}: ${reasonOf(error)}. Now: ${outcome}.`);
  for (const note of init.notes) lines.push(`  ${note}`);
  if (createdKeys.length > 0) {
    lines.push(
      `Keys created: ${createdKeys.map((k) => `"${k.name}" ${k.hash}`).join(", ")} (their secrets were handed over as each was created; they are also in error.createdKeys).`,
    );
  }
  for (const lost of lostSecrets) lines.push(`Attention: ${lostSecretLine(lost)}.`);
  lines.push(
    applied.length === 0
      ? "No step was done."
      : "Every step marked done is in the account; plan again to see what is left.",
  );
  return lines.join("\n");
}
