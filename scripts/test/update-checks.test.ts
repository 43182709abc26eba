// The checks `spec:update` runs, on stand-in projects: a real vitest run whose JSON report names
// broken fixtures, a real tsc run with a type error; the all-or-nothing writer; changeset files.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { changesetText, writeChangeset } from "../src/changeset.ts";
import { applyFiles } from "../src/update/apply-files.ts";
import { contractCheck, typecheckCheck } from "../src/update/checks.ts";
import { parseVitestReport } from "../src/update/vitest-report.ts";

const scriptsDir = new URL("..", import.meta.url).pathname;
const bin = (name: string) => join(scriptsDir, "node_modules", ".bin", name);
// Cases that start vitest, tsc or tsx in a child process: slow on a loaded machine.
const SLOW = 600_000; // only a hang reaches it, as vitest.config.ts says
const work = mkdtempSync(join(tmpdir(), "or-spec-checks-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A repository root whose `packages/testing/test` holds the given files. */
function standIn(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  const dir = join(root, "packages", "testing", "test");
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return root;
}

const vitestCommand = (root: string) => (report: string) => [
  bin("vitest"),
  "run",
  "--root",
  join(root, "packages", "testing"),
  "--globals",
  "test/contract",
  "--reporter=json",
  `--outputFile=${report}`,
];

describe("contract tests check", () => {
  test(
    "names the fixtures of failed tests, from titles and failure messages",
    async () => {
      const root = standIn("failing", {
        "contract.test.ts": [
          'describe("every fixture against the spec", () => {',
          '  test("getCredits/credits", () => expect(1).toBe(1));',
          '  test("getWidget/plain", () => expect({ label: "x" }).toEqual({}));',
          "});",
          'test("all fixtures validate", () => {',
          '  throw new Error("fixtures/getModels/list.json: response.body must have required property data");',
          "});",
        ].join("\n"),
      });
      const result = await contractCheck(vitestCommand(root))(root);
      expect(result.status).toBe("failed");
      expect(result.summary).toBe("contract tests failed: 2 of 3 tests, 2 fixtures broke");
      expect(result.brokenFixtures).toEqual(["fixtures/getModels/list.json", "getWidget/plain"]);
      expect(result.failures).toHaveLength(2);
      expect(result.failures[0]).toMatch(
        /^every fixture against the spec getWidget\/plain \[getWidget\/plain\]: /,
      );
      expect(result.failures[1]).toContain(
        "[fixtures/getModels/list.json]: Error: fixtures/getModels/list.json: response.body must have required property data",
      );
    },
    SLOW,
  );

  test(
    "passes when every test passes",
    async () => {
      const root = standIn("passing", {
        "contract.test.ts": 'test("getCredits/credits", () => expect(2).toBe(2));',
      });
      const result = await contractCheck(vitestCommand(root))(root);
      expect(result).toEqual({
        name: "contract tests",
        status: "passed",
        summary: "contract tests passed (1 tests)",
        failures: [],
      });
    },
    SLOW,
  );

  test(
    "a test file that does not load is a failure too",
    async () => {
      const root = standIn("unloadable", {
        "contract.test.ts": 'import "./does-not-exist.ts";\ntest("x", () => {});',
      });
      const result = await contractCheck(vitestCommand(root))(root);
      expect(result.status).toBe("failed");
      expect(result.failures.join("\n")).toContain("does-not-exist");
    },
    SLOW,
  );

  test(
    "no contract tests: skipped, and says so",
    async () => {
      const root = standIn("none", { "other.test.ts": "" });
      const result = await contractCheck(() => ["false"])(root);
      expect(result).toMatchObject({
        status: "skipped",
        summary: "no contract tests: packages/testing/test/contract*.test.ts does not exist",
      });
    },
    SLOW,
  );
});

describe("typecheck check", () => {
  const project = (name: string, source: string) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, files: ["a.ts"] }),
    );
    writeFileSync(join(dir, "a.ts"), source);
    return dir;
  };

  test(
    "reports the type errors",
    async () => {
      const dir = project("bad-types", 'const n: number = "one";\nexport { n };\n');
      const result = await typecheckCheck([bin("tsc"), "-p", dir])(dir);
      expect(result.status).toBe("failed");
      expect(result.summary).toBe("typecheck failed (1 type errors, exit 2)");
      expect(result.failures).toEqual([
        "a.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      ]);
    },
    SLOW,
  );

  test(
    "passes on a clean project",
    async () => {
      const dir = project("good-types", "export const n: number = 1;\n");
      expect((await typecheckCheck([bin("tsc"), "-p", dir])(dir)).status).toBe("passed");
    },
    SLOW,
  );
});

describe("vitest's JSON report", () => {
  test("counts and failures are read; a file without assertions that failed is reported", () => {
    const report = parseVitestReport(
      JSON.stringify({
        numPassedTests: 4,
        numFailedTests: 0,
        testResults: [
          { name: "/x/contract.test.ts", status: "failed", message: "", assertionResults: [] },
        ],
      }),
    );
    expect(report).toEqual({
      passed: 4,
      failed: 0,
      failures: [
        { test: "/x/contract.test.ts", fixtures: [], reason: "the test file failed to run" },
      ],
    });
  });
});

describe("applyFiles", () => {
  test("writes every file, creating folders", () => {
    const dir = join(work, "apply-ok");
    const files = new Map([
      [join(dir, "a", "one.txt"), "1"],
      [join(dir, "b", "two.txt"), "2"],
    ]);
    applyFiles(files);
    for (const [path, text] of files) expect(readFileSync(path, "utf8")).toBe(text);
  });

  test("when one file cannot be written, the others get their old content back", () => {
    const dir = join(work, "apply-fail");
    mkdirSync(join(dir, "blocked"), { recursive: true });
    writeFileSync(join(dir, "first.txt"), "old first");
    const files = new Map([
      [join(dir, "first.txt"), "new first"],
      [join(dir, "second.txt"), "new second"],
      [join(dir, "blocked"), "a directory is in the way"],
    ]);
    expect(() => applyFiles(files)).toThrow(/EISDIR|ENOTEMPTY|EEXIST|illegal operation/);
    expect(readFileSync(join(dir, "first.txt"), "utf8")).toBe("old first");
    expect(existsSync(join(dir, "second.txt"))).toBe(false);
    expect(existsSync(join(dir, "first.txt.or-spec-tmp"))).toBe(false);
  });
});

describe("changesets", () => {
  const bumps = {
    "@or/types": "major",
    "@or/fetch": "minor",
    "@or/stream": "none",
    "@or/admin": "patch",
  } as const;

  test("front matter lists the packages that move, then the summary", () => {
    expect(changesetText(bumps, "Spec update.\n\nDetails.\n")).toBe(
      '---\n"@or/types": major\n"@or/fetch": minor\n"@or/admin": patch\n---\n\nSpec update.\n\nDetails.\n',
    );
  });

  test("bad names and empty bumps are refused", () => {
    expect(() => writeChangeset(work, "../escape", bumps, "x")).toThrow("use lowercase letters");
    const none = {
      "@or/types": "none",
      "@or/fetch": "none",
      "@or/stream": "none",
      "@or/admin": "none",
    } as const;
    expect(() => changesetText(none, "x")).toThrow("at least one package");
  });

  test("writes .changeset/<name>.md", () => {
    const path = writeChangeset(join(work, ".changeset"), "spec-update-abc", bumps, "Summary");
    expect(path).toBe(join(work, ".changeset", "spec-update-abc.md"));
    expect(readFileSync(path, "utf8")).toContain('"@or/types": major');
  });
});
