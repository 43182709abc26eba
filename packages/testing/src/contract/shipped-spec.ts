import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir } from "../package-dir";
import type { OpenApiSpec } from "./operation-index";

/** Where the build puts the locked OpenRouter spec with our overlays applied. */
export const SHIPPED_SPEC_FILE = "dist/openrouter.overlaid.json";

/** The spec could not be used: missing, not JSON, or not an OpenAPI 3.1 document. */
export class ContractSpecError extends Error {
  override name = "ContractSpecError";
}

/** Where `createContractValidator()` reads the shipped spec from. */
export const shippedSpecPath = (): string => join(packageDir(), SHIPPED_SPEC_FILE);

let cached: OpenApiSpec | undefined;

/**
 * The OpenRouter spec shipped with this package: the spec `@or/types` of the same release is
 * generated from, with the same overlays. Read once; callers get the same object.
 * @example
 * const spec = shippedSpec();
 * console.log((spec.info as { version: string }).version);
 */
export function shippedSpec(): OpenApiSpec {
  if (cached) return cached;
  const path = shippedSpecPath();
  if (!existsSync(path)) {
    throw new ContractSpecError(
      `@or/testing has no spec at ${path}: the package was built without it. ` +
        "In this repository, run `pnpm build`; elsewhere, reinstall @or/testing.",
    );
  }
  try {
    cached = JSON.parse(readFileSync(path, "utf8")) as OpenApiSpec;
  } catch (error) {
    throw new ContractSpecError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return cached;
}

/** Throws a readable `TypeError` unless `spec` looks like an OpenAPI 3.1 document. */
export function assertOpenApi31(spec: unknown): asserts spec is OpenApiSpec {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    const got = spec === null ? "null" : Array.isArray(spec) ? "an array" : typeof spec;
    throw new TypeError(`createContractValidator: spec must be an OpenAPI document, got ${got}.`);
  }
  const version = (spec as Record<string, unknown>).openapi;
  if (typeof version !== "string" || !version.startsWith("3.1")) {
    throw new TypeError(
      `createContractValidator: spec must be OpenAPI 3.1 (its schemas are JSON Schema 2020-12), ` +
        `got openapi: ${JSON.stringify(version ?? null)}.`,
    );
  }
  const paths = (spec as Record<string, unknown>).paths;
  if (paths !== undefined && (paths === null || typeof paths !== "object")) {
    throw new TypeError("createContractValidator: spec.paths must be an object.");
  }
}
