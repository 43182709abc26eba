import { createOpenRouter, type OpenRouterClient, type OpenRouterOptions } from "@or/fetch";
import type { AdminResources } from "./admin-resources";
import { applyPlan, type ApplyOptions, type ApplyResult } from "./plan/apply-plan";
import { makePlan, type PlanOptions } from "./plan/make-plan";
import type { Plan } from "./plan/plan-types";
import { activityResource, creditsResource, organizationResource } from "./resources/account";
import { byokResource } from "./resources/byok";
import { guardrailsResource } from "./resources/guardrails";
import { keysResource } from "./resources/keys";
import { observabilityResource } from "./resources/observability";
import { scimResource } from "./resources/scim";
import { workspacesResource } from "./resources/workspaces";
import { rateLimitGate } from "./rate-gate";
import { rotateKey } from "./rotation";
import type { DesiredState } from "./state/desired-state";

/** Options of `createAdmin`: those of `createOpenRouter`; the key must be a management key. */
export type AdminOptions = OpenRouterOptions;

/** An admin client: the resources, and plan/apply for a desired state. */
export interface Admin extends AdminResources {
  /** The underlying typed client, for operations the resources do not cover. */
  client: OpenRouterClient;
  /** Compares a desired state with the account (reads only). See `makePlan`. */
  plan(state: DesiredState, options?: PlanOptions): Promise<Plan>;
  /** Runs a plan's steps in dependency order. See `applyPlan`. */
  apply(plan: Plan, options?: ApplyOptions): Promise<ApplyResult>;
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/**
 * Creates an admin client for keys, guardrails, workspaces, BYOK, credits, activity and the
 * organization. The key defaults to `OPENROUTER_MANAGEMENT_KEY`, then `OPENROUTER_API_KEY`.
 * Failed calls throw `@or/fetch`'s typed errors (`NotFoundError`, `AuthenticationError`, …).
 * @example
 * const admin = createAdmin({ apiKey: process.env.OPENROUTER_MANAGEMENT_KEY });
 * for await (const key of admin.keys.list({ includeDisabled: true })) console.log(key.name);
 * const { key } = await admin.keys.create({ name: "ci", limit: 10, limit_reset: "daily" });
 */
export function createAdmin(options: AdminOptions = {}): Admin {
  const client = createOpenRouter({
    ...options,
    apiKey: options.apiKey ?? (() => env("OPENROUTER_MANAGEMENT_KEY") ?? env("OPENROUTER_API_KEY")),
    // Every call waits out the API's 429s (Retry-After), so concurrent runs slow down, not fail.
    fetch: rateLimitGate(options.fetch ?? ((request) => fetch(request))),
    throwOnError: false,
  }) as OpenRouterClient;
  const keys = keysResource(client);
  const guardrails = guardrailsResource(client);
  const resources: AdminResources = {
    keys: {
      ...keys,
      rotate: (hash, rotateOptions) => rotateKey(keys, guardrails, hash, rotateOptions),
    },
    guardrails,
    workspaces: workspacesResource(client),
    byok: byokResource(client),
    credits: creditsResource(client),
    activity: activityResource(client),
    organization: organizationResource(client),
    observability: observabilityResource(client),
    scim: scimResource(client),
  };
  return {
    client,
    ...resources,
    plan: (state, planOptions) => makePlan(resources, state, planOptions),
    apply: (plan, applyOptions) => applyPlan(resources, plan, applyOptions),
  };
}
