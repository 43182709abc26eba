import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { parse } from "yaml";
import type { AdminSeed } from "./store";

/**
 * What `or-replay --admin-emulator --seed <file>` reads: the library's `AdminSeed`, in JSON or
 * YAML. Members need only an `id`; the rest defaults (role `org:member`, no name, an
 * `@example.test` address) so that a seed lists what a state file names and nothing more.
 */
const SEED_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    members: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id"],
        properties: {
          id: { type: "string", minLength: 1 },
          first_name: { type: ["string", "null"] },
          last_name: { type: ["string", "null"] },
          email: { type: "string", minLength: 1 },
          role: { enum: ["org:admin", "org:member"] },
        },
      },
    },
    credits: {
      type: "object",
      additionalProperties: false,
      required: ["total_credits", "total_usage"],
      properties: {
        total_credits: { type: "number", minimum: 0 },
        total_usage: { type: "number", minimum: 0 },
      },
    },
    activity: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "date",
          "model",
          "model_permaslug",
          "endpoint_id",
          "provider_name",
          "usage",
          "byok_usage_inference",
          "requests",
          "prompt_tokens",
          "completion_tokens",
          "reasoning_tokens",
        ],
        properties: {
          date: { type: "string" },
          model: { type: "string" },
          model_permaslug: { type: "string" },
          endpoint_id: { type: "string" },
          provider_name: { type: "string" },
          usage: { type: "number", minimum: 0 },
          byok_usage_inference: { type: "number", minimum: 0 },
          requests: { type: "integer", minimum: 0 },
          prompt_tokens: { type: "integer", minimum: 0 },
          completion_tokens: { type: "integer", minimum: 0 },
          reasoning_tokens: { type: "integer", minimum: 0 },
          workspace_id: { type: "string" },
        },
      },
    },
    organizationId: { type: "string", minLength: 1 },
  },
} as const;

type SeedFile = Omit<AdminSeed, "members"> & {
  members?: Array<{ id: string } & Partial<NonNullable<AdminSeed["members"]>[number]>>;
};

let validate: ValidateFunction<SeedFile> | undefined;

/** `members[2].role must be one of "org:admin", "org:member"`: one line per problem. */
function describe(error: ErrorObject): string {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("")
    .replace(/^\./, "");
  const where = path || "the seed";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties")
    return `${where}: unknown field "${String(params.additionalProperty)}"`;
  if (error.keyword === "required")
    return `${where}: missing required field "${String(params.missingProperty)}"`;
  if (error.keyword === "enum")
    return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  return `${where} ${error.message ?? "is not valid"}`;
}

/**
 * Checks a parsed seed and fills the members' defaults. Throws an `Error` whose message names
 * `file` and lists every problem, one a line.
 * @example
 * const seed = checkSeed({ members: [{ id: "user_abc" }] }, "seed.yaml");
 */
export function checkSeed(value: unknown, file: string): AdminSeed {
  validate ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    SEED_SCHEMA,
  ) as ValidateFunction<SeedFile>;
  const problems = validate(value) ? [] : (validate.errors ?? []).map(describe);
  const seed = (problems.length === 0 ? value : {}) as SeedFile;
  const ids = (seed.members ?? []).map((m) => m.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`members: the id "${twice[0]}" is listed twice`);
  if (problems.length > 0)
    throw new Error(`${file} is not a valid seed:\n  ${problems.join("\n  ")}`);
  const members = seed.members?.map((m) => ({
    id: m.id,
    first_name: m.first_name ?? null,
    last_name: m.last_name ?? null,
    email: m.email ?? `${m.id.toLowerCase()}@example.test`,
    role: m.role ?? ("org:member" as const),
  }));
  return { ...seed, ...(members && { members }) } as AdminSeed;
}

/** Reads a seed file (JSON or YAML) for `--seed`; every failure is one readable message. */
export function readSeedFile(file: string): AdminSeed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : (error as Error).message;
    throw new Error(`cannot read seed file ${file}: ${why}`);
  }
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: true, uniqueKeys: true, maxAliasCount: 1000 });
  } catch (error) {
    throw new Error(`${file} is not YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  return checkSeed(value ?? {}, file);
}
