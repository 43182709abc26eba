import type { RequestBody, ResponseBody } from "@or/types";

/** An API key as the keys API describes it (never its secret). */
export type ApiKey = ResponseBody<"getKey">["data"];
/** `GET /key`: the calling key. */
export type CurrentKey = ResponseBody<"getCurrentKey">["data"];
/** A new key and its secret, which the API shows this once. */
export type CreatedKey = ResponseBody<"createKeys">;
export type CreateKeyBody = RequestBody<"createKeys">;
export type UpdateKeyBody = RequestBody<"updateKeys">;

export type Guardrail = ResponseBody<"getGuardrail">["data"];
export type CreateGuardrailBody = RequestBody<"createGuardrail">;
export type UpdateGuardrailBody = RequestBody<"updateGuardrail">;
export type KeyAssignment = ResponseBody<"listKeyAssignments">["data"][number];
export type MemberAssignment = ResponseBody<"listMemberAssignments">["data"][number];

export type Workspace = ResponseBody<"getWorkspace">["data"];
export type CreateWorkspaceBody = RequestBody<"createWorkspace">;
export type UpdateWorkspaceBody = RequestBody<"updateWorkspace">;
export type WorkspaceBudgets = ResponseBody<"listWorkspaceBudgets">;
export type WorkspaceBudget = ResponseBody<"getWorkspaceBudget">["data"];
export type BudgetInterval = "daily" | "weekly" | "monthly" | "lifetime";
export type UpsertBudgetBody = RequestBody<"upsertWorkspaceBudget">;
export type WorkspaceMember = ResponseBody<"listWorkspaceMembers">["data"][number];

export type ByokKey = ResponseBody<"getBYOKKey">["data"];
export type CreateByokBody = RequestBody<"createBYOKKey">;
export type UpdateByokBody = RequestBody<"updateBYOKKey">;
export type ByokProvider = CreateByokBody["provider"];

export type Credits = ResponseBody<"getCredits">["data"];
export type ActivityItem = ResponseBody<"getUserActivity">["data"][number];
export type OrganizationMember = ResponseBody<"listOrganizationMembers">["data"][number];

export type ObservabilityDestination = ResponseBody<"getObservabilityDestination">["data"];
export type CreateObservabilityDestinationBody = RequestBody<"createObservabilityDestination">;
export type UpdateObservabilityDestinationBody = RequestBody<"updateObservabilityDestination">;
export type ObservabilityType = CreateObservabilityDestinationBody["type"];

export type ScimGroup = ResponseBody<"listScimGroups">["data"][number];
export type ScimGroupMapping = ResponseBody<"getScimGroupMapping">["data"];
export type CreateScimGroupMappingBody = RequestBody<"createScimGroupMapping">;
export type UpdateScimGroupMappingBody = RequestBody<"updateScimGroupMapping">;
