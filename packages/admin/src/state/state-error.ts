/** One problem of a desired state, with where it is. */
export interface StateIssue {
  message: string;
  /** Where in the document: `keys[2].guardrail`. */
  path: string;
  /** 1-based, when the state came from text. */
  line?: number;
  column?: number;
}

/**
 * A desired state that cannot be used: syntax, unknown fields, wrong types, duplicate names,
 * references to things the file does not define. Thrown before any request is sent.
 */
export class StateError extends Error {
  override name = "StateError";
  constructor(
    readonly issues: StateIssue[],
    readonly file?: string,
  ) {
    super(formatIssues(issues, file));
  }
}

/** `state.yaml:4:7: keys[1]: unknown field "limt"`, one line per issue. */
export function formatIssue(issue: StateIssue, file?: string): string {
  const where = issue.line === undefined ? "" : `${issue.line}:${issue.column ?? 1}`;
  const location = [file, where].filter(Boolean).join(":");
  const path = issue.path ? `${issue.path}: ` : "";
  return `${location ? `${location}: ` : ""}${path}${issue.message}`;
}

function formatIssues(issues: StateIssue[], file?: string): string {
  const head = `${file ?? "The desired state"} has ${issues.length === 1 ? "a problem" : `${issues.length} problems`}:`;
  return [head, ...issues.map((issue) => `  ${formatIssue(issue, file)}`)].join("\n");
}
