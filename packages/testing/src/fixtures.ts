import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Fixture } from "./fixture-format";
import { packageDir } from "./package-dir";
import fixtureSchema from "../schema/fixture.schema.json";

/** The fixtures shipped with this package (`fixtures/<operationId>/<name>.json`). */
export const fixturesDir = join(packageDir(), "fixtures");

/** A fixture file that is not valid JSON or does not follow `fixture.schema.json`. */
export class FixtureFormatError extends Error {
  override name = "FixtureFormatError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join("; ")}`);
  }
}

let validateFormat: ReturnType<Ajv2020["compile"]> | undefined;

/** Checks one parsed fixture against the published JSON Schema; returns the problems found. */
export function fixtureProblems(value: unknown): string[] {
  validateFormat ??= new Ajv2020({ allErrors: true, strict: false }).compile(fixtureSchema);
  if (validateFormat(value)) return [];
  return (validateFormat.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

/** `op/name`: how tests and the `x-or-fixture` header name a fixture. */
export const fixtureKey = (fixture: Pick<Fixture, "operationId" | "name">) =>
  `${fixture.operationId}/${fixture.name}`;

/**
 * Reads and validates every fixture below `dir`. Throws `FixtureFormatError` on the first bad
 * file; a fixture whose folder disagrees with its `operationId` is bad too.
 * @example
 * const chat = loadFixtures().filter((f) => f.operationId === "sendChatCompletionRequest");
 */
export function loadFixtures(dir: string = fixturesDir): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const folder = join(dir, entry.name);
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      fixtures.push(readFixture(join(folder, file), entry.name));
    }
  }
  return fixtures;
}

function readFixture(path: string, folder: string): Fixture {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new FixtureFormatError(path, [`not valid JSON (${(error as Error).message})`]);
  }
  const problems = fixtureProblems(value);
  const fixture = value as Fixture;
  if (problems.length === 0 && fixture.operationId !== folder) {
    problems.push(`operationId ${fixture.operationId} does not match its folder ${folder}`);
  }
  if (problems.length === 0 && `${fixture.name}.json` !== path.split(/[\\/]/).pop()) {
    problems.push(`name ${fixture.name} does not match its file name`);
  }
  if (problems.length > 0) throw new FixtureFormatError(path, problems);
  return fixture;
}
