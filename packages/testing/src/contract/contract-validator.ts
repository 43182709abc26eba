import type { ValidateFunction } from "ajv";
import type { Fixture } from "../fixture-format";
import { problem, problemsFromAjv, type ContractProblem } from "./contract-problem";
import { checkFixture, type BodyChecks, type FixtureContractReport } from "./fixture-check";
import {
  indexOperations,
  mediaTypeFor,
  responseFor,
  UnknownOperationError,
  type MediaTypeRef,
  type OpenApiSpec,
  type OperationEntry,
} from "./operation-index";
import { assertOpenApi31, shippedSpec } from "./shipped-spec";
import { createSpecAjv, SPEC_ID, type SpecAjv } from "./spec-ajv";
import { validationDocument, type Side } from "./validation-document";

export type { FixtureContractReport } from "./fixture-check";

export interface ContractValidator {
  /** Checks a request body (JSON, or a multipart body's fields) against the operation. */
  validateRequestBody(operationId: string, body: unknown, contentType?: string): ContractProblem[];
  /** Checks a response body against the schema declared for the status and content type. */
  validateResponseBody(
    operationId: string,
    status: number,
    body: unknown,
    contentType?: string,
  ): ContractProblem[];
  /**
   * Checks one parsed SSE event (`{ data, event? }`) against the operation's
   * `text/event-stream` schema, which wraps each event's data as `{ data: ... }`.
   */
  validateSseItem(
    operationId: string,
    item: { data: unknown; event?: string },
    status?: number,
  ): ContractProblem[];
  /** Checks a whole fixture: method and path, auth, request body, response body or stream. */
  checkFixture(fixture: Fixture): FixtureContractReport;
  /** Format names the spec uses that neither JSON Schema nor ajv-formats knows: not checked. */
  readonly annotationFormats: string[];
  /** How many media-type schemas have been compiled so far (compiling is lazy). */
  readonly compiledCount: number;
}

const JSON_TYPE = "application/json";
const STREAM_TYPE = "text/event-stream";

const fragment = (pointer: string) => pointer.split("/").map(encodeURIComponent).join("/");

/**
 * Validates bodies and fixtures against an OpenAPI 3.1 document with Ajv (JSON Schema 2020-12).
 * Without `spec`, uses the OpenRouter spec shipped with this package: the locked spec `@or/types`
 * is generated from, with the same overlays. A spec of your own should have them too: a schema
 * that does not compile (the raw upstream spec has 3.0-style `exclusiveMinimum: true`) is reported
 * as a problem of each body checked against it, never thrown.
 * Open enums (`x-open-enum`) accept unknown values; on the response side closed objects accept
 * extra fields and `oneOf` is read as `anyOf`, since the API sends fields and values the spec
 * does not list yet. Schemas are compiled on first use.
 * @example
 * const contract = createContractValidator();
 * const problems = contract.validateResponseBody("getCredits", 200, { data: { total_credits: 5 } });
 * console.log(problems.map(formatProblem)); // ["response.body/data must have required property 'total_usage'"]
 */
export function createContractValidator(spec?: OpenApiSpec): ContractValidator {
  const doc: unknown = spec === undefined ? shippedSpec() : spec;
  assertOpenApi31(doc);
  const operations = indexOperations(doc);
  const sides = new Map<Side, SpecAjv>();
  const compiled = new Map<string, ValidateFunction | ContractProblem>();

  function ajvFor(side: Side): SpecAjv {
    let found = sides.get(side);
    if (!found) {
      found = createSpecAjv(validationDocument(doc as OpenApiSpec, side));
      sides.set(side, found);
    }
    return found;
  }

  /** The compiled schema at `pointer`, or why it cannot be compiled (kept: tried once). */
  function compile(side: Side, pointer: string): ValidateFunction | ContractProblem {
    const key = `${side} ${pointer}`;
    let fn = compiled.get(key);
    if (!fn) {
      try {
        fn = ajvFor(side).ajv.compile({ $ref: `${SPEC_ID}#${fragment(pointer)}` });
      } catch (error) {
        fn = problem("spec", uncompilable(pointer, error));
      }
      compiled.set(key, fn);
    }
    return fn;
  }

  function validate(side: Side, pointer: string, at: string, value: unknown): ContractProblem[] {
    const fn = compile(side, pointer);
    if (typeof fn !== "function") return [{ ...fn, at }];
    try {
      return fn(value) ? [] : problemsFromAjv(at, fn.errors);
    } catch (error) {
      return [problem(at, `could not be checked: ${(error as Error).message}`)];
    }
  }

  function operation(operationId: string): OperationEntry {
    const entry = operations.get(operationId);
    if (!entry) throw new UnknownOperationError(operationId);
    return entry;
  }

  /** The declared response media type, or the problem of it not being declared. */
  function responseMedia(operationId: string, status: number, contentType: string, at: string) {
    const declared = responseFor(operation(operationId), status);
    if (!declared) return problem(at, `status ${status} is not declared for ${operationId}`);
    const media = mediaTypeFor(declared, contentType);
    return (
      media ??
      problem(at, `content type ${contentType} is not declared for ${operationId} ${status}`)
    );
  }

  const checkMedia = (media: MediaTypeRef | ContractProblem, at: string, value: unknown) => {
    if ("message" in media) return [media];
    return media.schemaPointer ? validate("response", media.schemaPointer, at, value) : [];
  };

  const checks: BodyChecks = {
    operations,
    requestBody(operationId, body, contentType = JSON_TYPE) {
      const entry = operation(operationId);
      if (entry.requestBody.length === 0) {
        return [problem("request.body", `${operationId} takes no request body`)];
      }
      const media = mediaTypeFor(entry.requestBody, contentType);
      if (!media) {
        return [
          problem("request.body", `content type ${contentType} is not declared for ${operationId}`),
        ];
      }
      return media.schemaPointer
        ? validate("request", media.schemaPointer, "request.body", body)
        : [];
    },
    responseBody(operationId, status, body, contentType = JSON_TYPE, at = "response.body") {
      return checkMedia(responseMedia(operationId, status, contentType, at), at, body);
    },
    streamMedia: (operationId, status) =>
      responseMedia(operationId, status, STREAM_TYPE, "response.sse"),
    sseItem(operationId, item, status = 200, at = "response.sse") {
      const envelope =
        item.event === undefined ? { data: item.data } : { data: item.data, event: item.event };
      return checkMedia(responseMedia(operationId, status, STREAM_TYPE, at), at, envelope);
    },
  };

  return {
    validateRequestBody: (operationId, body, contentType) =>
      checks.requestBody(operationId, body, contentType),
    validateResponseBody: (operationId, status, body, contentType) =>
      checks.responseBody(operationId, status, body, contentType),
    validateSseItem: (operationId, item, status) => checks.sseItem(operationId, item, status),
    checkFixture: (fixture) => checkFixture(fixture, checks),
    get annotationFormats() {
      try {
        return ajvFor("response").annotationFormats;
      } catch {
        return [];
      }
    },
    get compiledCount() {
      return [...compiled.values()].filter((fn) => typeof fn === "function").length;
    },
  };
}

/** Why the schema at `pointer` cannot be used, with what to do about it. */
function uncompilable(pointer: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const hint = /exclusive(Minimum|Maximum)|nullable/.test(reason)
    ? " It uses OpenAPI 3.0 spellings that 3.1 reads differently, as the raw upstream spec does: " +
      "pass the spec with our overlays, or call createContractValidator() without a spec to use " +
      "the one shipped with @or/testing."
    : "";
  return `the spec's schema ${pointer} cannot be compiled, so nothing was checked against it: ${reason}.${hint}`;
}
