// A user's project outside this repository: @or/testing packed into a tarball and installed with
// npm into a fresh folder (no workspace, no monorepo). createContractValidator() with no spec
// must validate every shipped fixture and report a broken body as a readable problem, from the
// ES module build and from the CommonJS one.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const packageRoot = new URL("..", import.meta.url).pathname;

/** Fixtures that are off-spec on purpose (see contract.test.ts), with the one problem each shows. */
const DELIBERATELY_OFF_SPEC = {
  "sendChatCompletionRequest/error-502-html": [
    "response.text content type text/html; charset=utf-8 is not declared for sendChatCompletionRequest 502",
  ],
};

/** Run in the user's folder: every fixture's problems, and those of a deliberately broken body. */
const CHECK = (load: string) => `${load}
const contract = createContractValidator();
const problems = {};
let fixtures = 0;
for (const fixture of loadFixtures()) {
  fixtures++;
  const found = contract.checkFixture(fixture).problems.map(formatProblem);
  if (found.length > 0) problems[fixture.operationId + "/" + fixture.name] = found;
}
const broken = contract
  .validateResponseBody("getCredits", 200, { data: { total_credits: "lots" } })
  .map(formatProblem);
console.log(JSON.stringify({ fixtures, problems, broken }));
`;

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "or-testing-user-"));
  const packed = join(folder, "packed");
  await run("pnpm", ["pack", "--pack-destination", packed], { cwd: packageRoot });
  const [tarball] = readdirSync(packed);
  const app = join(folder, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "user-app", private: true }));
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", join(packed, tarball!)],
    { cwd: app },
  );
  writeFileSync(
    join(app, "check.mjs"),
    CHECK(`import { createContractValidator, formatProblem, loadFixtures } from "@or/testing";`),
  );
  writeFileSync(
    join(app, "check.cjs"),
    CHECK(
      `const { createContractValidator, formatProblem, loadFixtures } = require("@or/testing");`,
    ),
  );
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("@or/testing installed from its tarball in a project of its own", () => {
  test.each(["check.mjs", "check.cjs"])(
    "%s: createContractValidator() validates every shipped fixture and reports a broken body",
    async (script) => {
      const { stdout } = await run(process.execPath, [script], { cwd: join(folder, "app") });
      const result = JSON.parse(stdout);
      expect(result.fixtures).toBeGreaterThan(100);
      expect(result.problems).toEqual(DELIBERATELY_OFF_SPEC);
      expect(result.broken).toEqual([
        "response.body/data must have required property 'total_usage'",
        "response.body/data/total_credits must be number",
      ]);
    },
  );
});
