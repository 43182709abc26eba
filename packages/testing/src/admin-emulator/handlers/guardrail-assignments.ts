import { requireStringList } from "../body-fields";
import { badRequest } from "../http-error";
import { newId, nowIso } from "../ids";
import { offsetLimitPage } from "../pagination";
import type { KeyAssignmentRecord, MemberAssignmentRecord } from "../records";
import { ok, type HandlerContext, type Route } from "../route-types";
import { OWNER_USER_ID, type AdminStore } from "../store";
import { guardrailOr404 } from "./guardrails";

/** A key assignment as the API lists it: with the key's name and label. */
function keyAssignmentView(store: AdminStore, assignment: KeyAssignmentRecord) {
  const key = store.keys.get(assignment.key_hash);
  return { ...assignment, key_name: key?.name ?? "", key_label: key?.label ?? "" };
}

const memberKey = (guardrailId: string, userId: string) => `${guardrailId} ${userId}`;

function keyAssignments(store: AdminStore, guardrailId?: string) {
  return [...store.keyAssignments.values()]
    .filter((a) => guardrailId === undefined || a.guardrail_id === guardrailId)
    .map((a) => keyAssignmentView(store, a));
}

function memberAssignments(store: AdminStore, guardrailId?: string): MemberAssignmentRecord[] {
  return [...store.memberAssignments.values()].filter(
    (a) => guardrailId === undefined || a.guardrail_id === guardrailId,
  );
}

/** Assigning replaces a key's current guardrail: a key holds at most one. */
function assignKeys({ store, params, body }: HandlerContext) {
  const guardrail = guardrailOr404(store, params.id);
  const hashes = requireStringList(body, "key_hashes");
  const unknown = hashes.filter((h) => !store.keys.has(h));
  if (unknown.length > 0) throw badRequest(`Unknown key hash(es): ${unknown.join(", ")}.`);
  let assigned = 0;
  for (const hash of hashes) {
    if (store.keyAssignments.get(hash)?.guardrail_id === guardrail.id) continue;
    store.keyAssignments.set(hash, {
      id: newId(),
      key_hash: hash,
      guardrail_id: guardrail.id,
      assigned_by: OWNER_USER_ID,
      created_at: nowIso(),
    });
    assigned += 1;
  }
  return ok({ assigned_count: assigned });
}

function unassignKeys({ store, params, body }: HandlerContext) {
  const guardrail = guardrailOr404(store, params.id);
  let unassigned = 0;
  for (const hash of requireStringList(body, "key_hashes")) {
    if (store.keyAssignments.get(hash)?.guardrail_id !== guardrail.id) continue;
    store.keyAssignments.delete(hash);
    unassigned += 1;
  }
  return ok({ unassigned_count: unassigned });
}

function assignMembers({ store, params, body }: HandlerContext) {
  const guardrail = guardrailOr404(store, params.id);
  const userIds = requireStringList(body, "member_user_ids");
  const unknown = userIds.filter((id) => !store.isMember(id));
  if (unknown.length > 0)
    throw badRequest(`Not members of the organization: ${unknown.join(", ")}.`);
  let assigned = 0;
  for (const userId of userIds) {
    const key = memberKey(guardrail.id, userId);
    if (store.memberAssignments.has(key)) continue;
    store.memberAssignments.set(key, {
      id: newId(),
      user_id: userId,
      organization_id: store.organizationId,
      guardrail_id: guardrail.id,
      assigned_by: OWNER_USER_ID,
      created_at: nowIso(),
    });
    assigned += 1;
  }
  return ok({ assigned_count: assigned });
}

function unassignMembers({ store, params, body }: HandlerContext) {
  const guardrail = guardrailOr404(store, params.id);
  let unassigned = 0;
  for (const userId of requireStringList(body, "member_user_ids")) {
    if (store.memberAssignments.delete(memberKey(guardrail.id, userId))) unassigned += 1;
  }
  return ok({ unassigned_count: unassigned });
}

export const assignmentRoutes: Route[] = [
  {
    method: "GET",
    path: "/guardrails/assignments/keys",
    operationId: "listKeyAssignments",
    handler: ({ store, query }) => ok(offsetLimitPage(keyAssignments(store), query)),
  },
  {
    method: "GET",
    path: "/guardrails/assignments/members",
    operationId: "listMemberAssignments",
    handler: ({ store, query }) => ok(offsetLimitPage(memberAssignments(store), query)),
  },
  {
    method: "GET",
    path: "/guardrails/{id}/assignments/keys",
    operationId: "listGuardrailKeyAssignments",
    handler: ({ store, params, query }) =>
      ok(offsetLimitPage(keyAssignments(store, guardrailOr404(store, params.id).id), query)),
  },
  {
    method: "POST",
    path: "/guardrails/{id}/assignments/keys",
    operationId: "bulkAssignKeysToGuardrail",
    handler: assignKeys,
    hasBody: true,
  },
  {
    method: "POST",
    path: "/guardrails/{id}/assignments/keys/remove",
    operationId: "bulkUnassignKeysFromGuardrail",
    handler: unassignKeys,
    hasBody: true,
  },
  {
    method: "GET",
    path: "/guardrails/{id}/assignments/members",
    operationId: "listGuardrailMemberAssignments",
    handler: ({ store, params, query }) =>
      ok(offsetLimitPage(memberAssignments(store, guardrailOr404(store, params.id).id), query)),
  },
  {
    method: "POST",
    path: "/guardrails/{id}/assignments/members",
    operationId: "bulkAssignMembersToGuardrail",
    handler: assignMembers,
    hasBody: true,
  },
  {
    method: "POST",
    path: "/guardrails/{id}/assignments/members/remove",
    operationId: "bulkUnassignMembersFromGuardrail",
    handler: unassignMembers,
    hasBody: true,
  },
];
