/** The parts of vitest's `--reporter=json` output (Jest's shape) that we read. */
interface VitestJsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: {
      fullName?: string;
      title?: string;
      ancestorTitles?: string[];
      status: string;
      failureMessages?: string[];
    }[];
  }[];
}

export interface TestFailure {
  /** The test's full name (describe blocks and title). */
  test: string;
  /**
   * Fixtures the test names: its title when that is a fixture key (`getCredits/credits`, as
   * `@or/testing`'s contract tests are titled), and `fixtures/…` paths in its failure.
   */
  fixtures: string[];
  /** First line of the failure message. */
  reason: string;
}

export interface TestReport {
  passed: number;
  failed: number;
  failures: TestFailure[];
}

const FIXTURE_PATH = /fixtures\/[\w./@-]+\.[a-z]+/g;
/** `fixtureKey` of `@or/testing`: `<operationId>/<name>`. */
const FIXTURE_KEY = /^[A-Za-z][\w]*\/[\w.-]+$/;

/** Reads vitest's JSON report: which tests failed and which fixtures they name. */
export function parseVitestReport(text: string): TestReport {
  const report = JSON.parse(text) as VitestJsonReport;
  const failures: TestFailure[] = [];
  for (const file of report.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    // A file that fails to load has no assertions, only a message.
    if (file.status === "failed" && failed.length === 0) {
      failures.push(failure(file.name, file.message || "the test file failed to run", []));
    }
    for (const a of failed) {
      const name = a.fullName ?? [...(a.ancestorTitles ?? []), a.title ?? ""].join(" ");
      const keys = a.title && FIXTURE_KEY.test(a.title) ? [a.title] : [];
      failures.push(failure(name, (a.failureMessages ?? []).join("\n"), keys));
    }
  }
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? failures.length,
    failures,
  };
}

function failure(test: string, message: string, keys: string[]): TestFailure {
  const fixtures = new Set([
    ...keys,
    ...[test, message].flatMap((t) => t.match(FIXTURE_PATH) ?? []),
  ]);
  const reason = message.trim().split("\n")[0] ?? "";
  return { test, fixtures: [...fixtures], reason };
}
