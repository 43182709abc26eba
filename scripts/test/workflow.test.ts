// The scheduled spec-update workflow: valid GitHub Actions syntax (GitHub's own parser), a valid
// schedule, and steps that use the commands and flags this repository really has.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { cronProblems, workflowErrors } from "./support/workflow-parser";

const path = new URL("../../.github/workflows/spec-update.yml", import.meta.url);
const text = readFileSync(path, "utf8");
const workflow = parse(text) as Record<string, any>;
const steps = workflow.jobs.update.steps as Record<string, any>[];
const step = (name: string) => steps.find((s) => s.name === name)!;

describe(".github/workflows/spec-update.yml", () => {
  test("GitHub's workflow parser accepts it", async () => {
    expect(await workflowErrors(text, "spec-update.yml")).toEqual([]);
  });

  test("the parser does reject a broken copy (so the check above means something)", async () => {
    const broken = text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest");
    expect((await workflowErrors(broken, "spec-update.yml")).join("\n")).toContain(
      "Required property is missing: runs-on",
    );
  });

  test("runs on a valid schedule and by hand", () => {
    const [schedule] = workflow.on.schedule;
    expect(cronProblems(schedule.cron)).toEqual([]);
    expect(cronProblems("61 6 * * *")).toEqual(['field 1 "61" is out of 0-59']);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  test("may push a branch and open a pull request, nothing more", () => {
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  test("updates with the repository's own command and flags, then opens the pull request", () => {
    const scripts = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ).scripts;
    expect(scripts["spec:update"]).toBe("or-spec update");
    const update = step("Update the spec");
    expect(update["continue-on-error"]).toBe(true);
    expect(update.run).toContain(
      'pnpm spec:update --base-optional --report "$REPORT" ${FROM:+--from "$FROM"}',
    );
    const usage = readFileSync(new URL("../src/cli/main.ts", import.meta.url), "utf8");
    for (const flag of ["--base-optional", "--report", "--from"]) expect(usage).toContain(flag);

    const pr = step("Open a pull request");
    expect(pr.uses).toMatch(/^peter-evans\/create-pull-request@v\d+$/);
    expect(pr.with["body-path"]).toBe(update.env.REPORT);
    expect(pr.with["add-paths"].trim().split("\n")).toEqual([
      "openapi/openrouter.lock.json",
      ".changeset/spec-update-*.md",
    ]);
    expect(steps.indexOf(pr)).toBeGreaterThan(steps.indexOf(update));
    expect(step("Fail when a check failed").if).toBe("steps.update.outcome == 'failure'");
  });

  test("keeps the locked spec in the Actions cache, keyed by the lock", () => {
    const key = "openrouter-spec-${{ hashFiles('openapi/openrouter.lock.json') }}";
    expect(step("Restore the locked spec").with).toEqual({ path: "openapi/.cache", key });
    expect(step("Save the locked spec").with).toEqual({ path: "openapi/.cache", key });
  });
});
