import type { Fixture } from "./fixture-format";
import { checkFault, FaultError, MAX_TIMER_MS } from "./faults";
import { FixtureFormatError, fixtureKey, fixtureProblems } from "./fixtures";

/** What the matcher looks at: the request as received, path relative to the API base. */
export interface MatchableRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

export type MatchResult =
  | { kind: "fixture"; fixture: Fixture }
  /** Nothing matches; `message` names the closest fixtures. */
  | { kind: "none"; message: string };

/**
 * The fixtures of a server, checked and indexed. Explicit fixtures answer only by name; the others
 * by method, path, query subset and `bodyMatch`, the most specific first, ties by name.
 * @example
 * const index = new FixtureIndex(loadFixtures());
 * index.match({ method: "GET", path: "/credits", query: {}, body: undefined });
 */
export class FixtureIndex {
  private readonly byName = new Map<string, Fixture>();
  private readonly implicit: Fixture[];
  /** Non-explicit fixtures by `METHOD /normalized/path`, most specific first. */
  private readonly byRoute = new Map<string, Fixture[]>();

  constructor(fixtures: readonly Fixture[]) {
    fixtures.forEach((fixture, i) => {
      const problems = [...fixtureProblems(fixture), ...faultProblems(fixture)];
      if (problems.length > 0) throw new FixtureFormatError(`fixtures[${i}]`, problems);
      const key = fixtureKey(fixture);
      if (this.byName.has(key))
        throw new FixtureFormatError(`fixtures[${i}]`, [`duplicate fixture ${key}`]);
      this.byName.set(key, fixture);
    });
    this.implicit = fixtures
      .filter((f) => !f.request.explicit)
      .sort((a, b) => specificity(b) - specificity(a) || a.name.localeCompare(b.name));
    for (const fixture of this.implicit) {
      const route = `${fixture.request.method} ${normalizePath(fixture.request.path)}`;
      this.byRoute.set(route, [...(this.byRoute.get(route) ?? []), fixture]);
    }
  }

  get size(): number {
    return this.byName.size;
  }

  /** A fixture by `op/name`. */
  get(key: string): Fixture | undefined {
    return this.byName.get(key);
  }

  /** The operation's `error-<status>` fixture, used for 401s and status sequences. */
  errorFixture(operationId: string, status: number): Fixture | undefined {
    return this.byName.get(`${operationId}/error-${status}`);
  }

  /** The fixture named by an `x-or-fixture` header, or a 404 message naming the closest names. */
  named(key: string): MatchResult {
    const fixture = this.byName.get(key);
    if (fixture) return { kind: "fixture", fixture };
    const closest = [...this.byName.keys()]
      .map((name) => ({ name, distance: editDistance(key, name) }))
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((c) => c.name);
    return { kind: "none", message: `No fixture named ${key}.${closestText(closest)}` };
  }

  /** The most specific non-explicit fixture for the request, or a 404 message. */
  match(request: MatchableRequest): MatchResult {
    const path = normalizePath(request.path);
    const fixture = this.byRoute
      .get(`${request.method} ${path}`)
      ?.find(
        (f) =>
          isSubset(f.request.query ?? {}, request.query) &&
          (f.request.bodyMatch === undefined || isSubset(f.request.bodyMatch, request.body)),
      );
    if (fixture) return { kind: "fixture", fixture };
    return { kind: "none", message: this.unmatchedMessage(request.method, path) };
  }

  private unmatchedMessage(method: string, path: string): string {
    const route = `${method} ${path}`;
    const sameRoute = this.byRoute.get(route) ?? [];
    if (sameRoute.length > 0) {
      const needs = sameRoute.map((f) => `${fixtureKey(f)} needs ${requirement(f)}`);
      return `No fixture for ${route} matches this query and body: ${needs.join("; ")}.`;
    }
    const routes = new Map<string, Fixture>();
    for (const f of this.implicit) {
      const other = `${f.request.method} ${normalizePath(f.request.path)}`;
      if (!routes.has(other)) routes.set(other, f);
    }
    const closest = [...routes]
      .map(([other, f]) => ({
        text: `${other} (${fixtureKey(f)})`,
        // The same path under another method is the likeliest mistake: rank it first.
        distance: other.endsWith(` ${path}`) ? -1 : editDistance(route, other),
      }))
      .sort((a, b) => a.distance - b.distance || a.text.localeCompare(b.text))
      .slice(0, 3)
      .map((c) => c.text);
    return `No fixture for ${route}.${closestText(closest)}`;
  }
}

/**
 * What the schema cannot say about a fixture's own faults (a status sequence of 1xx codes, a
 * timer past Node's limit) and its SSE delays (past the limit, a timer fires after 1 ms).
 */
function faultProblems(fixture: Fixture): string[] {
  const problems: string[] = [];
  fixture.response.sse?.forEach((item, i) => {
    if (item.delayMs !== undefined && item.delayMs > MAX_TIMER_MS) {
      problems.push(`/response/sse/${i}/delayMs: at most ${MAX_TIMER_MS}, got ${item.delayMs}`);
    }
  });
  fixture.faults?.forEach((fault, i) => {
    try {
      checkFault(fault, `/faults/${i}`);
    } catch (error) {
      if (!(error instanceof FaultError)) throw error;
      problems.push(error.message);
    }
  });
  return problems;
}

/** Whether `pattern` is a deep subset of `value`: objects by key, arrays element-wise. */
export function isSubset(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return (
      Array.isArray(value) &&
      value.length === pattern.length &&
      pattern.every((item, i) => isSubset(item, value[i]))
    );
  }
  if (pattern !== null && typeof pattern === "object") {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    return Object.entries(pattern).every(
      ([key, item]) => Object.hasOwn(record, key) && isSubset(item, record[key]),
    );
  }
  return Object.is(pattern, value);
}

/** Levenshtein distance: how many one-character edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        substitution,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Decoded, without a trailing slash: `/keys/abc/` and `/keys/abc` are the same route. */
export function normalizePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURI(path);
  } catch {
    // Not valid percent-encoding: compare it as it is.
  }
  return decoded.length > 1 ? decoded.replace(/\/+$/, "") : decoded;
}

/** More query parameters and body constraints make a fixture more specific. */
function specificity(fixture: Fixture): number {
  return (
    Object.keys(fixture.request.query ?? {}).length + leafCount(fixture.request.bodyMatch ?? {})
  );
}

function leafCount(value: unknown): number {
  if (value === null || typeof value !== "object") return 1;
  return Object.values(value).reduce((n: number, item) => n + leafCount(item), 0);
}

function requirement(fixture: Fixture): string {
  const parts: string[] = [];
  if (fixture.request.query) parts.push(`query ${JSON.stringify(fixture.request.query)}`);
  if (fixture.request.bodyMatch)
    parts.push(`body matching ${JSON.stringify(fixture.request.bodyMatch)}`);
  return parts.join(" and ") || "nothing more";
}

function closestText(closest: string[]): string {
  return closest.length > 0 ? ` Closest: ${closest.join(", ")}.` : " The server has no fixtures.";
}
