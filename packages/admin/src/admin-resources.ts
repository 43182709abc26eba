import type { ActivityResource, CreditsResource, OrganizationResource } from "./resources/account";
import type { ByokResource } from "./resources/byok";
import type { GuardrailsResource } from "./resources/guardrails";
import type { KeysResource } from "./resources/keys";
import type { ObservabilityResource } from "./resources/observability";
import type { ScimResource } from "./resources/scim";
import type { WorkspacesResource } from "./resources/workspaces";
import type { RotateOptions, RotationResult } from "./rotation";

/** `admin.keys`, with rotation. */
export interface KeysWithRotation extends KeysResource {
  /**
   * Replaces a key with a new one of the same name, limit, reset period, workspace and guardrail,
   * then disables (default) or deletes the old one. See `RotationError` for failures part way.
   */
  rotate(hash: string, options?: RotateOptions): Promise<RotationResult>;
}

/** The resources of an admin client. */
export interface AdminResources {
  keys: KeysWithRotation;
  guardrails: GuardrailsResource;
  workspaces: WorkspacesResource;
  byok: ByokResource;
  credits: CreditsResource;
  activity: ActivityResource;
  organization: OrganizationResource;
  observability: ObservabilityResource;
  scim: ScimResource;
}
