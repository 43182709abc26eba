import { createContractValidator, formatProblem, type OpenApiSpec } from "../contract/index";
import { responseFor } from "../contract/operation-index";
import { indexOperations } from "../contract/operation-index";

/** Request and response checks against the spec, as readable problem lines. */
export interface ContractCheck {
  request(operationId: string, body: unknown): string[];
  /** Error answers whose status the operation does not declare are not checked. */
  response(operationId: string, status: number, body: unknown): string[];
}

/** Checks bodies with the contract validator of `@or/testing` (schemas compile on first use). */
export function createContractCheck(spec: OpenApiSpec): ContractCheck {
  const validator = createContractValidator(spec);
  const operations = indexOperations(spec);
  return {
    request: (operationId, body) =>
      validator.validateRequestBody(operationId, body).map(formatProblem),
    response(operationId, status, body) {
      const entry = operations.get(operationId);
      if (status >= 400 && entry && !responseFor(entry, status)) return [];
      return validator.validateResponseBody(operationId, status, body).map(formatProblem);
    },
  };
}
