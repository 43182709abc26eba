import { formatProblem, problemsFromAjv } from "./contract-problem";
import type { OpenApiSpec } from "./operation-index";
import { createSpecAjv, SPEC_ID } from "./spec-ajv";
import { walkSpecSchemas, type SchemaPlace, type SpecExample } from "./spec-walk";
import { rewriteAs31, threeZeroIsms, type ThreeZeroIsm } from "./three-zero-isms";

type Json = Record<string, any>;

/** What a finding is about. */
export type SpecLintRule =
  | ThreeZeroIsm["rule"]
  /** An `example` (or `examples` entry) that its own schema rejects. */
  | "example-contradicts-schema"
  /** A schema Ajv cannot compile, so its examples could not be checked. */
  | "schema-does-not-compile";

export interface SpecLintFinding {
  rule: SpecLintRule;
  /** JSON pointer to the schema (3.0-isms) or to the example. */
  pointer: string;
  /** A request or response media type, a parameter, or a named schema (`component`). */
  where: SchemaPlace;
  message: string;
}

/**
 * Checks a raw OpenAPI 3.1 document for 3.0-isms and for examples their schemas reject
 * (validated as the spec is written: closed enums, closed objects, `oneOf` exactly one).
 * Checking examples compiles every schema that has one (seconds); `{ examples: false }`
 * skips it.
 * @example
 * const findings = lintSpec(spec);
 * findings.filter((f) => f.rule === "example-contradicts-schema").map((f) => f.pointer);
 */
export function lintSpec(
  spec: OpenApiSpec,
  options: { examples?: boolean } = {},
): SpecLintFinding[] {
  const findings: SpecLintFinding[] = [];
  const examples = walkSpecSchemas(spec as Json, (schema, pointer, where) => {
    for (const { rule, message } of threeZeroIsms(schema)) {
      findings.push({ rule, pointer, where, message });
    }
  });
  if (options.examples !== false) findings.push(...contradictingExamples(spec as Json, examples));
  return findings;
}

/** Two lines per finding: `rule  where  pointer`, then the message. */
export function formatLintFindings(findings: SpecLintFinding[]): string {
  return findings.map((f) => `${f.rule}  ${f.where}  ${f.pointer}\n    ${f.message}`).join("\n");
}

/** The examples their schemas reject, validated in a copy where 3.0-isms read as meant. */
function contradictingExamples(doc: Json, examples: SpecExample[]): SpecLintFinding[] {
  const copy = structuredClone(doc);
  walkSpecSchemas(copy, (schema) => rewriteAs31(schema));
  const { ajv } = createSpecAjv(copy);
  const findings: SpecLintFinding[] = [];
  for (const { pointer, schemaPointer, where, value } of examples) {
    const fragment = schemaPointer.split("/").map(encodeURIComponent).join("/");
    let validate;
    try {
      validate = ajv.compile({ $ref: `${SPEC_ID}#${fragment}` });
    } catch (error) {
      const message = (error as Error).message;
      findings.push({ rule: "schema-does-not-compile", pointer: schemaPointer, where, message });
      continue;
    }
    if (validate(value)) continue;
    const message = problemsFromAjv("example", validate.errors).map(formatProblem).join("; ");
    findings.push({ rule: "example-contradicts-schema", pointer, where, message });
  }
  return findings;
}
