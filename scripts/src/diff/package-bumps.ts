import { listOperations, type OpenApiDocument } from "../spec-document.ts";
import { PACKAGES, type Bump, type Change, type Level, type PackageName } from "./types.ts";

/** The operations `@or/admin` manages (by tag): keys, guardrails, workspaces and BYOK. */
export const ADMIN_TAGS = ["API Keys", "Guardrails", "Workspaces", "BYOK"];

/** What each package's public types are made of, as sets of `METHOD /path`. */
export interface OperationFacts {
  /** Operations that answer `text/event-stream` in either document. */
  streaming: Set<string>;
  /** Operations tagged with one of `ADMIN_TAGS` in either document. */
  admin: Set<string>;
}

export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function operationFacts(docs: OpenApiDocument[]): OperationFacts {
  const facts: OperationFacts = { streaming: new Set(), admin: new Set() };
  for (const doc of docs) {
    for (const { method, path, operation } of listOperations(doc)) {
      const key = operationKey(method, path);
      const responses = Object.values((operation.responses ?? {}) as Record<string, any>);
      if (responses.some((r) => r?.content?.["text/event-stream"])) facts.streaming.add(key);
      const tags = (operation.tags ?? []) as string[];
      if (tags.some((t) => ADMIN_TAGS.includes(t))) facts.admin.add(key);
    }
  }
  return facts;
}

/**
 * Which changes move which package:
 * - `@or/types`: every change; a spec that differs only in prose still gets a patch (the
 *   generated JSDoc changes).
 * - `@or/fetch`: changes that reach an operation (its typed paths are `@or/types`' `paths`);
 *   changes to schemas no operation uses only touch `@or/types`' named exports.
 * - `@or/stream`: changes that reach a streaming operation (chunk and event types).
 * - `@or/admin`: changes that reach an operation tagged API Keys, Guardrails, Workspaces or BYOK.
 * A package's bump is the highest level among the changes that reach it, `none` if none does.
 */
export const PACKAGE_SCOPES: Record<
  PackageName,
  (change: Change, facts: OperationFacts) => boolean
> = {
  "@or/types": () => true,
  "@or/fetch": (change) => change.operations.length > 0,
  "@or/stream": (change, facts) => change.operations.some((op) => facts.streaming.has(op)),
  "@or/admin": (change, facts) => change.operations.some((op) => facts.admin.has(op)),
};

const ORDER: Bump[] = ["none", "patch", "minor", "major"];
export const maxBump = (a: Bump, b: Bump): Bump => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

export function packageBumps(
  changes: Change[],
  facts: OperationFacts,
  identical: boolean,
): Record<PackageName, Bump> {
  const bumps = Object.fromEntries(PACKAGES.map((p) => [p, "none"])) as Record<PackageName, Bump>;
  for (const name of PACKAGES) {
    for (const change of changes) {
      if (PACKAGE_SCOPES[name](change, facts)) bumps[name] = maxBump(bumps[name], change.level);
    }
  }
  if (!identical) bumps["@or/types"] = maxBump(bumps["@or/types"], "patch" satisfies Level);
  return bumps;
}
