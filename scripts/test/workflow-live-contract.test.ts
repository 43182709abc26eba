// The weekly live contract workflow: valid GitHub Actions syntax (GitHub's own parser), a valid
// schedule, the secret it needs, and a step that runs the script `pnpm test` runs against or-replay.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { cronProblems, workflowErrors } from "./support/workflow-parser";

const text = readFileSync(
  new URL("../../.github/workflows/live-contract.yml", import.meta.url),
  "utf8",
);
const workflow = parse(text) as Record<string, any>;
const steps = workflow.jobs.check.steps as Record<string, any>[];
const step = (name: string) => steps.find((s) => s.name === name)!;

describe(".github/workflows/live-contract.yml", () => {
  test("GitHub's workflow parser accepts it, and rejects a broken copy", async () => {
    expect(await workflowErrors(text, "live-contract.yml")).toEqual([]);
    const broken = text.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest");
    expect((await workflowErrors(broken, "live-contract.yml")).join("\n")).toContain(
      "Required property is missing: runs-on",
    );
  });

  test("runs weekly and by hand, reading the repository only", () => {
    const [schedule] = workflow.on.schedule;
    expect(cronProblems(schedule.cron)).toEqual([]);
    // One day of the week: weekly, not daily.
    expect(schedule.cron.trim().split(/\s+/)[4]).toMatch(/^[0-6]$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  test("runs the live-contract script of @or/testing with the OPENROUTER_API_KEY secret", () => {
    const check = step("Check the live API");
    expect(check.env.OPENROUTER_API_KEY).toBe("${{ secrets.OPENROUTER_API_KEY }}");
    expect(check.run).toContain(
      'pnpm --filter @or/testing live-contract --out "$OUT" --report "$REPORT"',
    );
    const testing = JSON.parse(
      readFileSync(new URL("../../packages/testing/package.json", import.meta.url), "utf8"),
    );
    expect(testing.scripts["live-contract"]).toBe("tsx live-contract/main.ts");
    const usage = readFileSync(
      new URL("../../packages/testing/live-contract/main.ts", import.meta.url),
      "utf8",
    );
    for (const flag of ["--out", "--report", "--model", "--base-url"])
      expect(usage).toContain(flag);
    // The overlaid spec the script validates against is built before it runs.
    const build = step("Build @or/testing (ships the overlaid spec)");
    expect(steps.indexOf(build)).toBeLessThan(steps.indexOf(check));
    expect(step("Show the drift report").if).toBe("always()");
  });

  test("checks the locked spec, never a newer one", () => {
    const key = "openrouter-spec-${{ hashFiles('openapi/openrouter.lock.json') }}";
    expect(step("Restore the locked spec").with).toEqual({ path: "openapi/.cache", key });
    expect(step("Fetch the locked spec").run).toContain(
      "git diff --exit-code openapi/openrouter.lock.json",
    );
  });
});
