// The contract checks as a module: validate bodies and fixtures against a spec, lint a spec.
export {
  createContractValidator,
  type ContractValidator,
  type FixtureContractReport,
} from "./contract-validator";
export { formatProblem, type ContractProblem } from "./contract-problem";
export { ContractSpecError, shippedSpec, shippedSpecPath } from "./shipped-spec";
export {
  indexOperations,
  UnknownOperationError,
  type OpenApiSpec,
  type OperationEntry,
  type MediaTypeRef,
} from "./operation-index";
export { lintSpec, formatLintFindings, type SpecLintFinding, type SpecLintRule } from "./spec-lint";
