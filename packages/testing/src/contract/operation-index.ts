/** The parts of an OpenAPI 3.1 document the contract checks read. */
export type OpenApiSpec = {
  paths?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

type Json = Record<string, any>;

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/** A media type of a request body or response: where its schema lives in the document. */
export interface MediaTypeRef {
  contentType: string;
  /** JSON pointer to the media type object's `schema` (absent when the media type has none). */
  schemaPointer?: string;
  /** `x-speakeasy-sse-sentinel` of a stream media type: the data that ends it, not an event. */
  sentinel?: string;
}

/** One operation of the spec, with what a fixture needs to be checked against it. */
export interface OperationEntry {
  operationId: string;
  method: string;
  /** The path template, `/keys/{hash}`. */
  path: string;
  /** Matches a concrete path (`/keys/abc`) against the template. */
  pathPattern: RegExp;
  /** False when the operation declares `security: []`. */
  auth: boolean;
  requestBody: MediaTypeRef[];
  requestBodyRequired: boolean;
  /** By status code as written in the spec (`"200"`, `"4XX"`, `"default"`). */
  responses: Record<string, MediaTypeRef[]>;
}

/** Raised for an operation id the spec does not have. */
export class UnknownOperationError extends Error {
  override name = "UnknownOperationError";
  constructor(readonly operationId: string) {
    super(`The spec has no operation with operationId "${operationId}".`);
  }
}

export const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** Follows local `$ref`s of non-schema objects (responses, request bodies); keeps the pointer. */
function follow(doc: Json, node: Json, pointer: string): { node: Json; pointer: string } {
  let seen = 0;
  while (typeof node?.$ref === "string" && node.$ref.startsWith("#/") && seen++ < 20) {
    pointer = node.$ref.slice(1);
    node = pointer
      .slice(1)
      .split("/")
      .reduce((at: Json, key: string) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return { node, pointer };
}

function mediaTypes(doc: Json, holder: Json, pointer: string): MediaTypeRef[] {
  const { node, pointer: at } = follow(doc, holder, pointer);
  return Object.entries<Json>(node?.content ?? {}).map(([contentType, media]) => ({
    contentType: contentType.toLowerCase(),
    ...(media?.schema
      ? { schemaPointer: `${at}/content/${escapePointer(contentType)}/schema` }
      : {}),
    ...(typeof media?.["x-speakeasy-sse-sentinel"] === "string"
      ? { sentinel: media["x-speakeasy-sse-sentinel"] }
      : {}),
  }));
}

function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * Every operation of `spec` by operationId.
 * @example
 * indexOperations(spec).get("getCredits")?.responses["200"]; // [{ contentType: "application/json", ... }]
 */
export function indexOperations(spec: OpenApiSpec): Map<string, OperationEntry> {
  const doc = spec as Json;
  const index = new Map<string, OperationEntry>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation: Json | undefined = item?.[method];
      if (!operation?.operationId) continue;
      const base = `/paths/${escapePointer(path)}/${method}`;
      const security = operation.security ?? doc.security;
      const responses: Record<string, MediaTypeRef[]> = {};
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        responses[status] = mediaTypes(doc, response, `${base}/responses/${escapePointer(status)}`);
      }
      index.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathPattern: pathPattern(path),
        auth: !(Array.isArray(security) && security.length === 0),
        requestBody: operation.requestBody
          ? mediaTypes(doc, operation.requestBody, `${base}/requestBody`)
          : [],
        requestBodyRequired: follow(doc, operation.requestBody ?? {}, base).node?.required === true,
        responses,
      });
    }
  }
  return index;
}

/** The declared responses for a status: exact code first, then `4XX`-style ranges, then `default`. */
export function responseFor(entry: OperationEntry, status: number): MediaTypeRef[] | undefined {
  return (
    entry.responses[String(status)] ??
    entry.responses[`${String(status)[0]}XX`] ??
    entry.responses.default
  );
}

/**
 * The media type declared for `contentType` (parameters such as `charset` ignored): an exact
 * match, else `type/*`, else `*\/*`.
 */
export function mediaTypeFor(
  declared: MediaTypeRef[],
  contentType: string,
): MediaTypeRef | undefined {
  const wanted = contentType.split(";")[0]!.trim().toLowerCase();
  const [type] = wanted.split("/");
  return (
    declared.find((m) => m.contentType === wanted) ??
    declared.find((m) => m.contentType === `${type}/*`) ??
    declared.find((m) => m.contentType === "*/*")
  );
}
