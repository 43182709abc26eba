// Every shipped fixture loads with the loader and follows the house rules; bad fixture files are
// rejected with errors that name the file and the problem.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { Fixture } from "../src/fixture-format";
import { FixtureFormatError, fixtureKey, fixtureProblems, loadFixtures } from "../src/fixtures";

const fixtures = loadFixtures();
const REDACTED_AUTH = "Bearer <redacted:api-key>";

describe("the shipped fixtures", () => {
  test("load, one file per fixture, each key unique", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(97);
    const keys = fixtures.map(fixtureKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("requests that need auth carry only the redacted placeholder", () => {
    for (const f of fixtures) {
      const authorization = f.request.headers?.authorization;
      if (f.request.auth === false) expect(authorization, fixtureKey(f)).toBeUndefined();
      else expect(authorization, fixtureKey(f)).toBe(REDACTED_AUTH);
    }
  });

  test("no fixture holds something that looks like a real key", () => {
    for (const f of fixtures) {
      const text = JSON.stringify(f);
      for (const key of text.match(/sk-or-v1-[0-9a-f]{16,}/g) ?? []) {
        expect(key, fixtureKey(f)).toMatch(/^sk-or-v1-0+$/);
      }
      expect(text, fixtureKey(f)).not.toMatch(/Bearer (?!<redacted:)/);
    }
  });

  test("requests with a body say its content type", () => {
    for (const f of fixtures.filter((f) => f.request.body !== undefined)) {
      expect(f.request.headers?.["content-type"], fixtureKey(f)).toMatch(
        /^(application\/json|multipart\/form-data; boundary=.+)$/,
      );
    }
  });

  test("responses with a body or text say their content type", () => {
    for (const f of fixtures.filter(
      (f) => f.response.body !== undefined || f.response.text !== undefined,
    )) {
      expect(f.response.headers?.["content-type"], fixtureKey(f)).toBeTruthy();
    }
  });

  test("chat, responses and messages answers carry x-generation-id", () => {
    const inference = ["sendChatCompletionRequest", "createResponses", "createMessages"];
    for (const f of fixtures.filter(
      (f) => inference.includes(f.operationId) && f.response.status === 200,
    )) {
      expect(f.response.headers?.["x-generation-id"], fixtureKey(f)).toMatch(/^gen-/);
    }
  });

  test("each operation has one default fixture per bodyMatch; errors are explicit", () => {
    const defaults = new Map<string, string[]>();
    for (const f of fixtures) {
      if (f.response.status >= 400) expect(f.request.explicit, fixtureKey(f)).toBe(true);
      if (f.request.explicit) continue;
      const slot = `${f.operationId} ${JSON.stringify(f.request.bodyMatch ?? null)}`;
      defaults.set(slot, [...(defaults.get(slot) ?? []), f.name]);
    }
    const crowded = [...defaults].filter(([, names]) => names.length > 1);
    expect(crowded).toEqual([]);
  });

  test("base64 payloads decode", () => {
    for (const f of fixtures.filter((f) => f.response.encoding === "base64")) {
      const bytes = Buffer.from(f.response.text!, "base64");
      expect(bytes.length, fixtureKey(f)).toBeGreaterThan(0);
      expect(bytes.toString("base64"), fixtureKey(f)).toBe(f.response.text);
    }
  });
});

describe("bad fixture files", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const good: Fixture = {
    name: "credits",
    operationId: "getCredits",
    request: { method: "GET", path: "/credits", headers: { authorization: REDACTED_AUTH } },
    response: { status: 200, headers: { "content-type": "application/json" }, body: { data: {} } },
  };

  /** Writes one file as `fixtures/<folder>/<file>` and loads the folder. */
  function load(folder: string, file: string, content: string): unknown {
    dir = mkdtempSync(join(tmpdir(), "or-fixtures-"));
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, file), content);
    try {
      loadFixtures(dir);
    } catch (error) {
      return error;
    }
    return undefined;
  }

  test("a good file loads", () => {
    expect(load("getCredits", "credits.json", JSON.stringify(good))).toBeUndefined();
  });

  test("a file that is not JSON", () => {
    const error = load("getCredits", "credits.json", "{ name: ");
    expect(error).toBeInstanceOf(FixtureFormatError);
    expect((error as FixtureFormatError).file).toMatch(/getCredits[\\/]credits\.json$/);
    expect((error as FixtureFormatError).problems[0]).toMatch(/^not valid JSON/);
  });

  test("a fixture without a response", () => {
    const { response: _, ...noResponse } = good;
    const error = load(
      "getCredits",
      "credits.json",
      JSON.stringify(noResponse),
    ) as FixtureFormatError;
    expect(error.problems).toEqual(["/ must have required property 'response'"]);
  });

  test("a fixture in the wrong folder", () => {
    const error = load("getKey", "credits.json", JSON.stringify(good)) as FixtureFormatError;
    expect(error.problems).toEqual(["operationId getCredits does not match its folder getKey"]);
  });

  test("a fixture whose name is not its file name", () => {
    const error = load("getCredits", "other.json", JSON.stringify(good)) as FixtureFormatError;
    expect(error.problems).toEqual(["name credits does not match its file name"]);
    expect(error.message).toContain("other.json: name credits does not match its file name");
  });

  test("problems name the field", () => {
    const bad = {
      ...good,
      name: "Credits!",
      request: { ...good.request, method: "FETCH", headers: { Authorization: "x" } },
      response: { status: 200, body: {}, text: "both" },
    };
    const problems = fixtureProblems(bad);
    expect(problems).toContain('/name must match pattern "^[a-z0-9][a-z0-9-]*$"');
    expect(problems).toContain("/request/method must be equal to one of the allowed values");
    expect(problems).toContain("/request/headers property name must be valid");
    expect(problems).toContain("/response must NOT be valid");
  });
});
