import type { ErrorObject } from "ajv";
import type { DesiredState } from "./desired-state";
import { StateError, type StateIssue } from "./state-error";
import { parsePointer } from "./state-path";
import { schemaErrors } from "./state-schema";
import { settingsIssues } from "./check-settings";
import { entries, issue, text, type Locate } from "./state-entries";

export type { Locate };

/**
 * Checks a desired state against the schema (unknown fields, types, ranges) and for what a schema
 * cannot say (unique names and slugs, references to guardrails and workspaces in the file).
 * Throws a `StateError` listing every problem, each with its position when `locate` can tell.
 */
export function checkState(
  value: unknown,
  locate: Locate = () => undefined,
  file?: string,
): DesiredState {
  const issues = [
    ...schemaIssues(value, locate),
    ...referenceIssues(value, locate),
    ...settingsIssues(value, locate),
  ];
  if (issues.length > 0) throw new StateError(sortByPosition(issues), file);
  return value as DesiredState;
}

function schemaIssues(value: unknown, locate: Locate): StateIssue[] {
  const seen = new Set<string>();
  const issues: StateIssue[] = [];
  for (const error of schemaErrors(value)) {
    const found = describe(error, locate);
    const key = `${found.path} ${found.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(found);
  }
  return issues;
}

function describe(error: ErrorObject, locate: Locate): StateIssue {
  const path = parsePointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const known = Object.keys(knownFields(error.parentSchema));
      const hint = closest(field, known);
      const message = `unknown field "${field}"${hint ? ` (did you mean "${hint}"?)` : `; known fields: ${known.join(", ")}`}`;
      return issue([...path, field], message, locate, "key");
    }
    case "required":
      return issue(path, `missing required field "${String(params.missingProperty)}"`, locate);
    case "type":
      return issue(path, `must be ${String(params.type).split(",").join(" or ")}`, locate);
    case "enum":
      return issue(
        path,
        `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
        locate,
      );
    case "const":
      return issue(path, `must be ${JSON.stringify(params.allowedValue)}`, locate);
    case "pattern":
      if (String(params.pattern).startsWith("^\\$"))
        return issue(
          path,
          "must name an environment variable: ${NAME} (secrets are never written in the file)",
          locate,
        );
      return issue(
        path,
        "must be lowercase letters and digits, in words joined by single hyphens",
        locate,
      );
    case "uniqueItems":
      return issue(path, `lists the same item twice (items ${params.j} and ${params.i})`, locate);
    default:
      return issue(path, error.message ?? error.keyword, locate);
  }
}

function knownFields(schema: unknown): Record<string, unknown> {
  return (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
}

/** The known name nearest to a misspelt one, when it is near enough to be a likely typo. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(word.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Names used twice, and references to guardrails or workspaces the file does not define. Reads
 * only well-typed parts, so it runs beside the schema check and both report at once.
 */
function referenceIssues(state: unknown, locate: Locate): StateIssue[] {
  const issues: StateIssue[] = [];
  const unique = (
    section: "workspaces" | "guardrails" | "keys",
    field: "slug" | "name",
    what: string,
  ) => {
    const first = new Map<string, number>();
    for (const [i, item] of entries(state, section)) {
      const value = text(item[field]);
      if (value === undefined) continue;
      const earlier = first.get(value);
      if (earlier === undefined) {
        first.set(value, i);
        continue;
      }
      const at = locate([section, earlier, field], "value");
      const where = at
        ? ` (first at ${at.line}:${at.column})`
        : ` (first in ${section}[${earlier}])`;
      issues.push(issue([section, i, field], `${what} "${value}" is used twice${where}`, locate));
    }
    return new Set(first.keys());
  };
  const workspaces = unique("workspaces", "slug", "workspace slug");
  const guardrails = unique("guardrails", "name", "guardrail name");
  unique("keys", "name", "key name");

  const workspaceRef = (section: "guardrails" | "keys", i: number, slug: string | undefined) => {
    if (slug !== undefined && !workspaces.has(slug)) {
      issues.push(
        issue(
          [section, i, "workspace"],
          `refers to workspace "${slug}", which the file does not define under workspaces`,
          locate,
        ),
      );
    }
  };
  for (const [i, guardrail] of entries(state, "guardrails")) {
    workspaceRef("guardrails", i, text(guardrail.workspace));
  }
  for (const [i, key] of entries(state, "keys")) {
    workspaceRef("keys", i, text(key.workspace));
    const wanted = text(key.guardrail);
    if (wanted !== undefined && !guardrails.has(wanted)) {
      const hint = closest(wanted, [...guardrails]);
      issues.push(
        issue(
          ["keys", i, "guardrail"],
          `refers to guardrail "${wanted}", which the file does not define under guardrails${hint ? ` (did you mean "${hint}"?)` : ""}`,
          locate,
        ),
      );
    }
  }
  return issues;
}

function sortByPosition(issues: StateIssue[]): StateIssue[] {
  return [...issues].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
