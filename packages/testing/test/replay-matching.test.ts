import { describe, expect, it } from "vitest";
import type { Fixture } from "../src/fixture-format";
import { FixtureFormatError } from "../src/fixtures";
import { editDistance, FixtureIndex, isSubset, normalizePath } from "../src/matching";

const fx = (name: string, request: Partial<Fixture["request"]> = {}): Fixture => ({
  name,
  operationId: "createThing",
  request: { method: "POST", path: "/things", ...request },
  response: { status: 200, body: { name } },
});
const request = (body: unknown, query: Record<string, string> = {}) => ({
  method: "POST",
  path: "/things",
  query,
  body,
});
const matched = (index: FixtureIndex, req: ReturnType<typeof request>) => {
  const result = index.match(req);
  return result.kind === "fixture" ? result.fixture.name : result.message;
};

describe("isSubset", () => {
  it("compares objects by key, deeply, and arrays element by element", () => {
    expect(isSubset({ stream: true }, { stream: true, model: "m" })).toBe(true);
    expect(isSubset({ stream: true }, { stream: "true" })).toBe(false);
    expect(isSubset({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(true);
    expect(isSubset({ a: { b: 1 } }, { a: [1] })).toBe(false);
    expect(isSubset([{ role: "user" }], [{ role: "user", content: "x" }])).toBe(true);
    expect(isSubset([{ role: "user" }], [{ role: "user" }, { role: "user" }])).toBe(false);
    expect(isSubset({ missing: undefined }, {})).toBe(false);
    expect(isSubset({ a: 1 }, undefined)).toBe(false);
  });
});

describe("editDistance", () => {
  it("counts single-character edits", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("/chat/completion", "/chat/completions")).toBe(1);
    expect(editDistance("same", "same")).toBe(0);
  });
});

describe("normalizePath", () => {
  it("drops a trailing slash and decodes", () => {
    expect(normalizePath("/keys/abc/")).toBe("/keys/abc");
    expect(normalizePath("/models/a%20b")).toBe("/models/a b");
    expect(normalizePath("/")).toBe("/");
    expect(normalizePath("/bad%E0")).toBe("/bad%E0");
  });
});

describe("FixtureIndex", () => {
  it("prefers the most specific fixture, then the first name", () => {
    const index = new FixtureIndex([
      fx("plain"),
      fx("b-stream", { bodyMatch: { stream: true } }),
      fx("a-stream", { bodyMatch: { stream: true } }),
      fx("stream-tools", { bodyMatch: { stream: true, tool_choice: "auto" } }),
      fx("queried", { query: { dry: "1" } }),
    ]);
    expect(matched(index, request({ stream: true }))).toBe("a-stream");
    expect(matched(index, request({ stream: true, tool_choice: "auto" }))).toBe("stream-tools");
    expect(matched(index, request({ stream: false }))).toBe("plain");
    expect(matched(index, request(undefined))).toBe("plain");
    expect(matched(index, request({}, { dry: "1" }))).toBe("queried");
  });

  it("never picks an explicit fixture by itself", () => {
    const index = new FixtureIndex([fx("error-400", { explicit: true })]);
    expect(index.match(request({})).kind).toBe("none");
    expect(index.named("createThing/error-400").kind).toBe("fixture");
    expect(index.errorFixture("createThing", 400)?.name).toBe("error-400");
  });

  it("rejects duplicates and fixtures that break the format", () => {
    expect(() => new FixtureIndex([fx("one"), fx("one")])).toThrow(
      /duplicate fixture createThing\/one/,
    );
    expect(() => new FixtureIndex([{ ...fx("x"), name: "Bad Name" }])).toThrow(FixtureFormatError);
    const informational = {
      ...fx("x"),
      faults: [{ type: "status-sequence" as const, statuses: [103] }],
    };
    expect(() => new FixtureIndex([informational])).toThrow(/final statuses/);
  });

  it("says when there are no fixtures at all", () => {
    const result = new FixtureIndex([]).match(request({}));
    expect(result).toEqual({
      kind: "none",
      message: "No fixture for POST /things. The server has no fixtures.",
    });
  });
});
