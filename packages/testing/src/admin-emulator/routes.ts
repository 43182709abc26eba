import { accountRoutes } from "./handlers/account";
import { byokRoutes } from "./handlers/byok";
import { assignmentRoutes } from "./handlers/guardrail-assignments";
import { guardrailRoutes } from "./handlers/guardrails";
import { keyRoutes } from "./handlers/keys";
import { budgetRoutes } from "./handlers/workspace-budgets";
import { memberRoutes } from "./handlers/workspace-members";
import { observabilityRoutes } from "./handlers/observability";
import { scimRoutes } from "./handlers/scim";
import { workspaceRoutes } from "./handlers/workspaces";
import type { Route } from "./route-types";

/** Every operation the emulator serves. */
export const ADMIN_ROUTES: readonly Route[] = [
  ...keyRoutes,
  ...guardrailRoutes,
  ...assignmentRoutes,
  ...workspaceRoutes,
  ...budgetRoutes,
  ...memberRoutes,
  ...byokRoutes,
  ...accountRoutes,
  ...observabilityRoutes,
  ...scimRoutes,
];

interface CompiledRoute {
  route: Route;
  segments: string[];
  literals: number;
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

const split = (path: string) => path.split("/").filter(Boolean);
const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/** Finds the route of a request; templates with more literal segments win (`/guardrails/assignments/keys`). */
export function routeMatcher(
  routes: readonly Route[] = ADMIN_ROUTES,
): (method: string, path: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes
    .map((route) => {
      const segments = split(route.path);
      return { route, segments, literals: segments.filter((s) => !isParam(s)).length };
    })
    .sort((a, b) => b.literals - a.literals);
  return (method, path) => {
    const actual = split(path);
    const allowed: string[] = [];
    for (const { route, segments } of compiled) {
      const params = bind(segments, actual);
      if (!params) continue;
      if (route.method === method) return { kind: "found", route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: "method", allowed } : { kind: "none" };
  };
}

function bind(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const value = actual[i] as string;
    if (isParam(part)) params[part.slice(1, -1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}
