import {
  findSecrets,
  fixtureKey,
  formatProblem,
  type ContractValidator,
  type Fixture,
} from "../src/index";
import type { CallAnswer, ScriptedCall } from "./calls";

/** One scripted call as it went: what it got, the fixture recorded for it, and every drift. */
export interface CallOutcome {
  call: ScriptedCall;
  answer?: CallAnswer;
  fixture?: Fixture;
  /** Why the call could not be made (connection refused, …). */
  failure?: string;
  drifts: string[];
}

/** The recorded fixture of a call: same method, path and JSON body. */
export function fixtureFor(call: ScriptedCall, recorded: Fixture[]): Fixture | undefined {
  const body = JSON.stringify(call.body);
  return recorded.find(
    (f) =>
      f.request.method === call.method &&
      f.request.path === call.path &&
      JSON.stringify(f.request.body) === body,
  );
}

/**
 * Every way a call's answer differs from what the SDK relies on: the wrong status, a broken
 * expectation, a contract problem of the recorded fixture, or a secret left in it.
 */
export function driftsOf(
  outcome: Omit<CallOutcome, "drifts">,
  contract: ContractValidator,
  secrets: string[],
): string[] {
  const { call, answer, fixture, failure } = outcome;
  if (failure) return [`the call failed: ${failure}`];
  if (!answer) return ["no answer"];
  const drifts: string[] = [];
  if (answer.status !== call.status)
    drifts.push(`status ${answer.status}, expected ${call.status}`);
  else drifts.push(...call.expect(answer));
  if (!fixture) return [...drifts, "nothing was recorded for it"];
  drifts.push(...contract.checkFixture(fixture).problems.map(formatProblem));
  // Never print what was found: only that something was.
  if (findSecrets(JSON.stringify(fixture), secrets).length > 0) {
    drifts.push("the recorded fixture still holds a secret (not shown)");
  }
  return drifts;
}

/** The report: one line per call, its drifts below it, and a verdict. */
export function formatDriftReport(
  outcomes: CallOutcome[],
  context: { baseUrl: string; specSha?: string; recorderProblems?: string[] },
): string {
  const lines = [
    `Live contract check against ${context.baseUrl}` +
      (context.specSha ? ` (spec sha256 ${context.specSha.slice(0, 16)})` : ""),
    "",
  ];
  for (const { call, answer, fixture, drifts } of outcomes) {
    const where = fixture ? ` → ${fixtureKey(fixture)}` : "";
    const status = answer ? `${answer.status}` : "no answer";
    lines.push(
      `${drifts.length === 0 ? "ok   " : "DRIFT"} ${call.name}: ${call.method} ${call.path} ${status}${where}`,
    );
    for (const drift of drifts) lines.push(`        - ${drift}`);
  }
  for (const problem of context.recorderProblems ?? []) lines.push(`DRIFT recorder: ${problem}`);
  const drifted = outcomes.filter((o) => o.drifts.length > 0).length;
  lines.push(
    "",
    drifted === 0
      ? `No drift: all ${outcomes.length} calls agree with the spec and the SDK's expectations.`
      : `${drifted} of ${outcomes.length} calls drifted from the spec or the SDK's expectations.`,
  );
  return lines.join("\n");
}
