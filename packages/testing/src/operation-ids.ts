/** The part of an OpenAPI document the recorder reads to name operations. */
export interface SpecPaths {
  paths: Record<string, Record<string, unknown> | undefined>;
}

/** Names the operation of a request: `(method, path below the API base) → operationId`. */
export type OperationIdFor = (method: string, path: string) => string | undefined;

/**
 * Routes of common operations, for recording without the spec at hand. Pass the spec (or your
 * own `operationIdFor`) to name every operation the way the spec does.
 */
const COMMON_ROUTES: ReadonlyArray<
  readonly [method: string, template: string, operationId: string]
> = [
  ["POST", "/chat/completions", "sendChatCompletionRequest"],
  ["POST", "/responses", "createResponses"],
  ["POST", "/messages", "createMessages"],
  ["POST", "/embeddings", "createEmbeddings"],
  ["GET", "/models", "getModels"],
  ["GET", "/models/count", "listModelsCount"],
  ["GET", "/models/user", "listModelsUser"],
  ["GET", "/models/{author}/{slug}/endpoints", "listEndpoints"],
  ["GET", "/providers", "listProviders"],
  ["GET", "/generation", "getGeneration"],
  ["GET", "/credits", "getCredits"],
  ["GET", "/key", "getCurrentKey"],
  ["GET", "/keys", "list"],
  ["POST", "/keys", "createKeys"],
  ["GET", "/keys/{hash}", "getKey"],
  ["PATCH", "/keys/{hash}", "updateKeys"],
  ["DELETE", "/keys/{hash}", "deleteKeys"],
];

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];

interface Route {
  method: string;
  segments: string[];
  literals: number;
  operationId: string;
}

/**
 * Names operations from the spec's paths when given a spec, else from a small built-in table of
 * common routes; a request matching no template gets a name made from its method and path
 * (`POST /foo/bar` → `postFooBar`), so nothing goes unrecorded.
 * @example
 * const idFor = operationIdResolver(spec);
 * idFor("GET", "/keys/abc123"); // "getKey"
 */
export function operationIdResolver(spec?: SpecPaths): (method: string, path: string) => string {
  const routes = (spec ? specRoutes(spec) : COMMON_ROUTES.map(([m, t, id]) => route(m, t, id)))
    // Templates with more literal segments win: `/models/count` before `/models/{id}`.
    .sort((a, b) => b.literals - a.literals);
  return (method, path) => {
    const segments = splitPath(path);
    const upper = method.toUpperCase();
    const found = routes.find((r) => r.method === upper && fits(r.segments, segments));
    return found?.operationId ?? derivedId(upper, segments);
  };
}

function specRoutes(spec: SpecPaths): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const operationId = (item?.[method] as { operationId?: unknown } | undefined)?.operationId;
      if (typeof operationId === "string")
        routes.push(route(method.toUpperCase(), template, operationId));
    }
  }
  return routes;
}

function route(method: string, template: string, operationId: string): Route {
  const segments = splitPath(template);
  return { method, segments, literals: segments.filter((s) => !isParam(s)).length, operationId };
}

function fits(template: string[], segments: string[]): boolean {
  return (
    template.length === segments.length &&
    template.every((part, i) => isParam(part) || part === segments[i])
  );
}

function derivedId(method: string, segments: string[]): string {
  const words = segments.flatMap((s) => s.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
}

const isParam = (segment: string) => /^\{[^}]+\}$/.test(segment);
const splitPath = (path: string) => path.split("/").filter(Boolean);
