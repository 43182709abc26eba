/**
 * Recorded OpenRouter fixtures, a replay server with fault injection, a recorder that writes
 * redacted fixtures, and contract checks.
 *
 * @example
 * import { startReplayServer } from "@or/testing";
 * const server = await startReplayServer();
 * const res = await fetch(`${server.url}/models`, { headers: { authorization: "Bearer sk-or-v1-000" } });
 * await server.close();
 *
 * @packageDocumentation
 */
export type { Fault, Fixture, FixtureRequest, FixtureResponse, SseItem } from "./fixture-format";
export {
  FixtureFormatError,
  fixtureKey,
  fixtureProblems,
  fixturesDir,
  loadFixtures,
} from "./fixtures";

export {
  DEFAULT_LOGGED_BYTES,
  DEFAULT_LOGGED_REQUESTS,
  startReplayServer,
  type ReplayServer,
  type ReplayServerOptions,
} from "./replay-server";
export { API_BASE_PATH, type ReceivedRequest } from "./received-request";
export {
  FaultBook,
  FaultError,
  checkFault,
  checkRule,
  parseFaultHeader,
  type FaultMatch,
  type FaultRule,
} from "./faults";
export { FixtureIndex, editDistance, isSubset, type MatchResult } from "./matching";
export { encodeSseItem, type LineEnding } from "./sse-writer";
export { parseSse } from "./sse-parser";

export {
  DEFAULT_MAX_RECORDED_BYTES,
  DEFAULT_UPSTREAM,
  RecordConfigError,
  recordOptionsFromEnv,
  startRecorder,
  type RecordOptions,
  type RecordedFixture,
  type Recorder,
  type RecorderOptions,
} from "./recorder";
export { operationIdResolver, type OperationIdFor, type SpecPaths } from "./operation-ids";
export {
  REDACTED_AUTHORIZATION,
  REDACTED_COOKIE,
  emptyRedactionState,
  findSecrets,
  redactText,
  redactFixture,
  type RedactionOptions,
  type RedactionState,
} from "./redaction";
export { apiError, type ApiErrorBody } from "./api-error";

export {
  startAdminEmulator,
  AdminStore,
  type AdminEmulator,
  type AdminEmulatorOptions,
  type AdminSeed,
  type EmulatorRequest,
  type HeldRequest,
  type StepFault,
} from "./admin-emulator/index";
export type { RateLimitOptions } from "./admin-emulator/index";

export {
  ContractSpecError,
  createContractValidator,
  formatLintFindings,
  formatProblem,
  indexOperations,
  lintSpec,
  shippedSpec,
  shippedSpecPath,
  UnknownOperationError,
  type ContractProblem,
  type ContractValidator,
  type FixtureContractReport,
  type MediaTypeRef,
  type OpenApiSpec,
  type OperationEntry,
  type SpecLintFinding,
  type SpecLintRule,
} from "./contract";
export { coverageComplete, fixtureCoverage, formatCoverage, type CoverageReport } from "./coverage";
