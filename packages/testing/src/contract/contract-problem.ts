import type { ErrorObject } from "ajv";

/** One way a fixture or a body disagrees with the spec. */
export interface ContractProblem {
  /** The part checked: `request`, `request.body`, `response.body`, `response.sse[3]`. */
  at: string;
  /** JSON pointer into that part (`/choices/0/message`); empty for the part itself. */
  instancePath: string;
  message: string;
}

/** `response.body/choices/0 must have required property 'index'`. */
export const formatProblem = (problem: ContractProblem) =>
  `${problem.at}${problem.instancePath} ${problem.message}`;

export function problem(at: string, message: string): ContractProblem {
  return { at, instancePath: "", message };
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "enum") return `${error.message}: ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === "const") return `${error.message}: ${JSON.stringify(params.allowedValue)}`;
  if (error.keyword === "additionalProperties") {
    return `${error.message}: ${JSON.stringify(params.additionalProperty)}`;
  }
  return error.message ?? error.keyword;
}

/** Ajv's errors as problems of `at`, duplicates (one per union branch) merged. */
export function problemsFromAjv(
  at: string,
  errors: ErrorObject[] | null | undefined,
): ContractProblem[] {
  const seen = new Set<string>();
  const problems: ContractProblem[] = [];
  for (const error of errors ?? []) {
    const problem = { at, instancePath: error.instancePath, message: describe(error) };
    const key = formatProblem(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
