import type { Fixture, SseItem } from "../fixture-format";
import { problem, type ContractProblem } from "./contract-problem";
import { responseFor, type MediaTypeRef, type OperationEntry } from "./operation-index";

/** What `checkFixture` found: problems, and the parts it did not check (with why). */
export interface FixtureContractReport {
  problems: ContractProblem[];
  skipped: string[];
}

/** The body checks a fixture check is made of (see `createContractValidator`). */
export interface BodyChecks {
  operations: Map<string, OperationEntry>;
  requestBody(operationId: string, body: unknown, contentType?: string): ContractProblem[];
  responseBody(
    operationId: string,
    status: number,
    body: unknown,
    contentType?: string,
    at?: string,
  ): ContractProblem[];
  streamMedia(operationId: string, status: number): MediaTypeRef | ContractProblem;
  sseItem(
    operationId: string,
    item: { data: unknown; event?: string },
    status?: number,
    at?: string,
  ): ContractProblem[];
}

const JSON_TYPE = "application/json";

const contentTypeOf = (headers: Record<string, string> | undefined) => headers?.["content-type"];

/** Checks method and path, auth, request body, and the response body, text or stream. */
export function checkFixture(fixture: Fixture, checks: BodyChecks): FixtureContractReport {
  const report: FixtureContractReport = { problems: [], skipped: [] };
  const entry = checks.operations.get(fixture.operationId);
  if (!entry) {
    const message = `The spec has no operation with operationId "${fixture.operationId}".`;
    report.problems.push(problem("fixture", message));
    return report;
  }
  report.problems.push(...checkRequest(entry, fixture, checks));
  const { response } = fixture;
  if (response.sse) {
    const contentType = contentTypeOf(response.headers);
    if (contentType && !/^text\/event-stream\b/i.test(contentType)) {
      report.problems.push(problem("response", `an SSE stream sent as ${contentType}`));
    }
    checkStream(entry, response.status, response.sse, checks, report);
  } else if (response.body !== undefined || response.text !== undefined) {
    report.problems.push(...checkResponseContent(entry, fixture, checks));
  } else if (!responseFor(entry, response.status)) {
    const message = `status ${response.status} is not declared for ${entry.operationId}`;
    report.problems.push(problem("response", message));
  }
  return report;
}

function checkRequest(entry: OperationEntry, fixture: Fixture, checks: BodyChecks) {
  const { request } = fixture;
  const problems: ContractProblem[] = [];
  if (request.method !== entry.method || !entry.pathPattern.test(request.path)) {
    const message = `${request.method} ${request.path} is not ${entry.method} ${entry.path}`;
    problems.push(problem("request", message));
  }
  if ((request.auth ?? true) !== entry.auth) {
    const message = entry.auth
      ? "the operation needs auth"
      : "the operation takes no auth: set auth: false";
    problems.push(problem("request.auth", message));
  }
  if (request.body !== undefined) {
    const contentType = contentTypeOf(request.headers) ?? JSON_TYPE;
    problems.push(...checks.requestBody(entry.operationId, request.body, contentType));
  } else if (entry.requestBodyRequired) {
    problems.push(problem("request.body", `${entry.operationId} requires a request body`));
  }
  return problems;
}

/** A JSON body as is; a text body as the JSON it holds for JSON types, else as a string. */
function checkResponseContent(entry: OperationEntry, fixture: Fixture, checks: BodyChecks) {
  const { status, headers, body, text } = fixture.response;
  const declared = contentTypeOf(headers);
  if (text === undefined) {
    return checks.responseBody(entry.operationId, status, body, declared ?? JSON_TYPE);
  }
  const contentType = declared ?? "text/plain";
  const value = /[/+]json\b/i.test(contentType) ? parseJson(text) : text;
  if (value === NOT_JSON) return [problem("response.text", `is not JSON but says ${contentType}`)];
  return checks.responseBody(entry.operationId, status, value, contentType, "response.text");
}

function checkStream(
  entry: OperationEntry,
  status: number,
  items: SseItem[],
  checks: BodyChecks,
  report: FixtureContractReport,
) {
  const media = checks.streamMedia(entry.operationId, status);
  if ("message" in media) {
    report.problems.push(media);
    return;
  }
  const sentinel = media.sentinel ?? "[DONE]";
  items.forEach((item, i) => {
    if (!("data" in item)) return; // a comment line is not an event
    const at = `response.sse[${i}]`;
    if (item.data === sentinel) {
      report.skipped.push(`${at} is the ${sentinel} sentinel`);
      return;
    }
    const data = typeof item.data === "string" ? parseJson(item.data) : item.data;
    if (data === NOT_JSON) {
      report.problems.push(problem(at, "data is not JSON"));
      return;
    }
    const event = item.event === undefined ? { data } : { data, event: item.event };
    report.problems.push(...checks.sseItem(entry.operationId, event, status, at));
  });
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}
