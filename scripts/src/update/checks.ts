import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "./run-command.ts";
import { parseVitestReport } from "./vitest-report.ts";

/** The outcome of one check `spec:update` runs after regenerating. */
export interface CheckResult {
  name: string;
  status: "passed" | "failed" | "skipped";
  /** One line for people. */
  summary: string;
  /** What broke, one line each (type errors, failed tests with their fixtures). */
  failures: string[];
  /** Fixture keys or paths named by failed contract tests. */
  brokenFixtures?: string[];
}

/** A check run against a repository root. */
export type Check = (root: string) => Promise<CheckResult>;

const MAX_LINES = 30;

/** `pnpm typecheck` (turbo: regenerates, builds dependencies, runs `tsc` everywhere). */
export function typecheckCheck(command = ["pnpm", "typecheck"]): Check {
  return async (root) => {
    const { code, output } = await runCommand(command, root);
    if (code === 0) {
      return { name: "typecheck", status: "passed", summary: "typecheck passed", failures: [] };
    }
    const errors = [...new Set(output.split("\n").filter((l) => /error TS\d+:/.test(l)))].map((l) =>
      l.trim(),
    );
    const lines = errors.length > 0 ? errors : lastLines(output, 15);
    return {
      name: "typecheck",
      status: "failed",
      summary: `typecheck failed (${errors.length} type errors, exit ${code})`,
      failures: cap(lines),
    };
  };
}

/** Where `@or/testing` keeps its contract tests (`test/contract.test.ts` or `test/contract/`). */
export function contractTestFiles(root: string): string[] {
  const dir = join(root, "packages", "testing", "test");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.startsWith("contract"));
}

/**
 * `@or/testing`'s contract tests (every fixture against the new spec), with vitest's JSON report
 * read to name the fixtures that broke. `command` builds the vitest command line for a report
 * file (tests point it at a stand-in project).
 */
export function contractCheck(
  command = (report: string) => [
    "pnpm",
    "--filter",
    "@or/testing",
    "exec",
    "vitest",
    "run",
    "test/contract",
    "--reporter=json",
    `--outputFile=${report}`,
  ],
): Check {
  return async (root) => {
    const name = "contract tests";
    if (contractTestFiles(root).length === 0) {
      const summary = "no contract tests: packages/testing/test/contract*.test.ts does not exist";
      return { name, status: "skipped", summary, failures: [] };
    }
    const dir = mkdtempSync(join(tmpdir(), "or-spec-contract-"));
    try {
      const reportPath = join(dir, "report.json");
      const { code, output } = await runCommand(command(reportPath), root);
      if (!existsSync(reportPath)) {
        const summary = `contract tests did not run (exit ${code}, no report)`;
        return { name, status: "failed", summary, failures: lastLines(output, 15) };
      }
      const report = parseVitestReport(readFileSync(reportPath, "utf8"));
      if (code === 0 && report.failures.length === 0) {
        const summary = `contract tests passed (${report.passed} tests)`;
        return { name, status: "passed", summary, failures: [] };
      }
      const brokenFixtures = [...new Set(report.failures.flatMap((f) => f.fixtures))].sort();
      const failures = report.failures.map(
        (f) => `${f.test}${f.fixtures.length ? ` [${f.fixtures.join(", ")}]` : ""}: ${f.reason}`,
      );
      return {
        name,
        status: "failed",
        summary: `contract tests failed: ${report.failed} of ${report.passed + report.failed} tests, ${brokenFixtures.length} fixtures broke`,
        failures: cap(failures.length > 0 ? failures : lastLines(output, 15)),
        brokenFixtures,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export const defaultChecks = (): Check[] => [typecheckCheck(), contractCheck()];

function lastLines(output: string, count: number): string[] {
  return output
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-count);
}

function cap(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`];
}
