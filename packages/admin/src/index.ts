/**
 * Manage OpenRouter keys, guardrails, workspaces and BYOK as code: typed resources whose lists
 * page for you, key rotation, and plan/apply of a desired state.
 *
 * @example
 * import { createAdmin, loadStateFile, renderPlan } from "@or/admin";
 * const admin = createAdmin();
 * const plan = await admin.plan(await loadStateFile("state.yaml"));
 * console.log(renderPlan(plan));
 * const { createdKeys } = await admin.apply(plan);
 *
 * @packageDocumentation
 */
export { createAdmin, type Admin, type AdminOptions } from "./admin";
export type { AdminResources, KeysWithRotation } from "./admin-resources";
export { AdminArgumentError } from "./errors";
export { rateLimitGate, type RateGateOptions } from "./rate-gate";
export { exportState, type ExportOptions, type ExportResult } from "./export/export-state";
export { stateToText, SCHEMA_PATH, type StateTextOptions } from "./export/state-text";
export {
  paginate,
  MAX_PAGE_SIZE,
  type ListOptions,
  type Page,
  type PageFetcher,
  type Paginated,
} from "./pagination";
export type { KeyListOptions, KeysResource } from "./resources/keys";
export type { GuardrailsResource } from "./resources/guardrails";
export type { WorkspacesResource } from "./resources/workspaces";
export type { ByokListOptions, ByokResource } from "./resources/byok";
export type { ActivityResource, CreditsResource, OrganizationResource } from "./resources/account";
export {
  RotationError,
  type RotateOptions,
  type RotationResult,
  type RotationStage,
} from "./rotation";
export type * from "./types";

export {
  GUARDRAIL_FIELDS,
  KEY_FIELDS,
  WORKSPACE_FIELDS,
  type DesiredGuardrail,
  type DesiredKey,
  type DesiredState,
  type DesiredWorkspace,
  type ResetInterval,
} from "./state/desired-state";
export { checkState } from "./state/check-state";
export {
  BYOK_FIELDS,
  OBSERVABILITY_FIELDS,
  SECRET_CONFIG_FIELDS,
  type DesiredByok,
  type DesiredObservability,
  type DesiredScimMapping,
  type FilterRuleGroup,
} from "./state/desired-settings";
export { MissingSecretError, readSecrets, secretReferences } from "./state/env-secrets";
export type { ContentFilter, ContentFilterBuiltin, FilterAction } from "./state/desired-state";
export type { ObservabilityResource } from "./resources/observability";
export type { ScimResource } from "./resources/scim";
export type { SettingsOperation } from "./plan/settings-operations";
export { loadStateFile, parseState } from "./state/parse-state";
export { StateError, formatIssue, type StateIssue } from "./state/state-error";
export { stateSchema } from "./state/state-schema";

export { makePlan, type PlanOptions } from "./plan/make-plan";
export { applyPlan, type ApplyOptions, type ApplyResult } from "./plan/apply-plan";
export {
  ApplyError,
  StepFailure,
  type ApplyErrorInit,
  type CreatedSecret,
  type FailedStep,
} from "./plan/apply-error";
export { lostSecretLine, type LostSecret } from "./plan/read-back";
export { renderPlan, renderStep, summaryLine } from "./plan/render-plan";
export { planToJson, PLAN_JSON_VERSION } from "./plan/plan-json";
export {
  PlanError,
  type FieldChange,
  type Plan,
  type PlanRefs,
  type PlanStep,
  type StepAction,
  type StepKind,
  type StepOperation,
} from "./plan/plan-types";
