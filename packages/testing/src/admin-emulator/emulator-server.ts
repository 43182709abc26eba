import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError } from "../api-error";
import { createApiServer, jsonResponse, type ReadRequest } from "../api-server";
import { FaultBook, FaultError, parseFaultHeader, type RequestFaults } from "../faults";
import type { Fault } from "../fixture-format";
import { apiRelativePath } from "../received-request";
import { writeResponse } from "../response-writer";
import { listen, stopServer } from "../server-lifecycle";
import { identifyCaller } from "./auth";
import { createContractCheck } from "./contract-check";
import type { AdminEmulator, AdminEmulatorOptions, EmulatorRequest } from "./emulator-types";
import { EmulatorHttpError } from "./http-error";
import { routeMatcher } from "./routes";
import { RateLimiter, rateLimitedResponse } from "./rate-limit";
import type { Body, HandlerResult, Route } from "./route-types";
import { StepBook } from "./step-faults";
import { AdminStore } from "./store";

const DEFAULT_KEYS_PAGE_SIZE = 100;

/**
 * Starts a stateful, in-memory OpenRouter admin API on 127.0.0.1: API keys, guardrails and their
 * assignments, workspaces with budgets and members, BYOK credentials, organization members,
 * credits and activity. Lists paginate like the API; with `spec`, requests and answers are
 * checked against it.
 *
 * Faults and the account: a status fault (`status-sequence`) answers instead of the operation,
 * which then never happens. Every other fault applies to the answer of an operation that was
 * done: `reset-before-headers` drops the connection after the key was created, `reset-mid-stream`
 * and `truncate` cut its answer. That is what a client cannot tell apart from a lost request, and
 * what `addStepFault` and `hold` let tests place at any request.
 * @example
 * const emulator = await startAdminEmulator({ spec });
 * const res = await fetch(`${emulator.url}/keys`, {
 *   method: "POST",
 *   headers: { authorization: "Bearer any-management-key", "content-type": "application/json" },
 *   body: JSON.stringify({ name: "ci" }),
 * });
 * // 201 { data: { hash, name: "ci", ... }, key: "sk-or-v1-..." }
 * await emulator.close();
 */
export async function startAdminEmulator(
  options: AdminEmulatorOptions = {},
): Promise<AdminEmulator> {
  let store = new AdminStore(options.seed);
  const book = new FaultBook(options.faults ?? []);
  const steps = new StepBook();
  const contract = options.spec ? createContractCheck(options.spec) : undefined;
  const match = routeMatcher();
  const keysPageSize = options.keysPageSize ?? DEFAULT_KEYS_PAGE_SIZE;
  const requests: EmulatorRequest[] = [];
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const contractProblems: string[] = [];
  const { server, control } = createApiServer("admin emulator", answer);

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    { received, url }: ReadRequest,
    signal: AbortSignal,
  ): Promise<void> {
    if (received.headers.authorization) received.headers.authorization = "Bearer <redacted>";
    const logged: EmulatorRequest = received;
    const index = requests.push(logged) - 1;
    // A held request waits here, before the emulator acts on it.
    await steps.gate(index);
    const reply = (result: HandlerResult, faults: Fault[] = []) => {
      logged.status = result.status;
      return writeResponse(res, jsonResponse(result.status, result.body), faults, signal);
    };
    const path = apiRelativePath(url.pathname);
    if (path === undefined) {
      return reply(error(404, `The admin emulator answers under /api/v1, not ${url.pathname}.`));
    }
    const found = match(logged.method, path);
    if (found.kind !== "found") {
      const message =
        found.kind === "method"
          ? `${logged.method} is not allowed on ${path}; use ${found.allowed.join(" or ")}.`
          : `The admin emulator has no operation at ${path}.`;
      return reply(error(found.kind === "method" ? 405 : 404, message));
    }
    const { route, params } = found;
    logged.operationId = route.operationId;
    const wait = limiter?.take();
    if (wait !== undefined) {
      logged.status = 429;
      return writeResponse(res, rateLimitedResponse(wait), [], signal);
    }
    let faults: RequestFaults;
    try {
      const header = logged.headers["x-or-fault"];
      faults = book.take({ method: logged.method, path, operationId: route.operationId }, [
        ...(header === undefined ? [] : parseFaultHeader(header)),
        ...steps.take(index, logged.method, path),
      ]);
    } catch (caught) {
      if (caught instanceof FaultError) return reply(error(400, caught.message));
      throw caught;
    }
    logged.faults = faults.applied;
    if (faults.status) {
      const injected = error(
        faults.status.status,
        `Status ${faults.status.status} injected by a fault rule.`,
      );
      return reply(injected, faults.transport);
    }
    return reply(
      handle(route, params, url.searchParams, req.headers.authorization, logged),
      faults.transport,
    );
  }

  /** Auth, body checks, the handler, and the answer's own check. State changes only in the handler. */
  function handle(
    route: Route,
    params: Record<string, string>,
    query: URLSearchParams,
    authorization: string | undefined,
    received: EmulatorRequest,
  ): HandlerResult {
    let result: HandlerResult;
    try {
      const caller = identifyCaller(authorization, store, options.managementKey);
      if (route.management !== false && caller.kind !== "management") {
        throw new EmulatorHttpError(
          401,
          `${route.operationId} needs a management key, not an inference key.`,
        );
      }
      const body = readBody(route, received);
      result = route.handler({ store, params, query, body, caller, keysPageSize });
    } catch (caught) {
      if (!(caught instanceof EmulatorHttpError)) throw caught;
      result = error(caught.status, caught.message);
    }
    const problems = contract?.response(route.operationId, result.status, result.body) ?? [];
    if (problems.length === 0) return result;
    const line = `${route.method} ${route.path} ${result.status}: ${problems.join("; ")}`;
    contractProblems.push(line);
    return error(500, `admin emulator answer breaks the spec: ${line}`);
  }

  function readBody(route: Route, received: EmulatorRequest): Body {
    if (!route.hasBody) return {};
    if (received.body === undefined) {
      const why = received.bodyText.trim() === "" ? "is empty" : "is not valid JSON";
      throw new EmulatorHttpError(
        400,
        `The request body ${why}; ${route.operationId} takes a JSON object.`,
      );
    }
    const body = received.body;
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new EmulatorHttpError(400, `${route.operationId} takes a JSON object as body.`);
    }
    const problems = contract?.request(route.operationId, body) ?? [];
    if (problems.length > 0) {
      throw new EmulatorHttpError(
        400,
        `The request does not match the spec: ${problems.join("; ")}`,
      );
    }
    return body as Body;
  }

  const { port, url } = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  return {
    url,
    port,
    get state() {
      return store;
    },
    requests,
    contractProblems,
    validating: contract !== undefined,
    addFault: (rule) => book.add(rule),
    addStepFault: (stepFault) => steps.add(stepFault),
    hold: (at) => steps.hold(at),
    reset(resetOptions = {}) {
      requests.length = 0;
      book.reset();
      steps.reset();
      if (resetOptions.state) store = new AdminStore(options.seed);
    },
    close: () => stopServer(server, control),
  };
}

function error(status: number, message: string): HandlerResult {
  return { status, body: apiError(status, message) };
}
