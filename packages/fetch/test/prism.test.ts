import { beforeAll, describe, expect, inject, test } from "vitest";
import { createOpenRouter } from "../src/index.js";
import { PRISM_CALLS } from "./prism-operations.js";
import { specOperations, waitForPrism, type SpecOperation } from "./support/prism.js";
import { TEST_KEY } from "./support/test-key.js";

// The independent check: the client against Prism mocking the current spec (with our overlays),
// started by the global setup (test/support/prism-global-setup.ts) on a free loopback port.
// Prism validates each request (params, body, security) and says what it disliked in the
// `sl-violations` header. Violations located in the response are defects of the spec's own
// examples, not of the client, and are not counted here.

interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

const prism = inject("prism");
let operations: SpecOperation[];
beforeAll(async () => {
  await waitForPrism(prism);
  operations = specOperations(prism);
});

const client = () => createOpenRouter({ apiKey: TEST_KEY, baseUrl: prism.url, retry: false });

const requestViolations = (response: Response): Violation[] =>
  (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Violation[]).filter(
    (v) => v.location[0] === "request",
  );

describe("Prism mock of the current spec", () => {
  test("the calls cover at least 30 operations, every tag, and only real operations", () => {
    const covered = new Set(PRISM_CALLS.map((c) => c.operationId));
    expect(covered.size).toBe(PRISM_CALLS.length);
    expect(covered.size).toBeGreaterThanOrEqual(30);
    const known = new Set(operations.map((o) => o.operationId));
    expect([...covered].filter((id) => !known.has(id))).toEqual([]);
    const tags = new Set(operations.flatMap((o) => o.tags));
    const coveredTags = new Set(
      operations.filter((o) => covered.has(o.operationId)).flatMap((o) => o.tags),
    );
    expect([...tags].filter((t) => !coveredTags.has(t))).toEqual([]);
  });

  test("Prism does reject a malformed request (the check below is not vacuous)", async () => {
    const { response } = await client().POST("/chat/completions", {
      body: { model: "openai/gpt-4o-mini" } as never,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(requestViolations(response).map((v) => v.message)).toContain(
      "Request body must have required property 'messages'",
    );
  });

  test.each(PRISM_CALLS)("$operationId: accepted, typed data back", async ({ send }) => {
    const result = await send(client());
    expect(requestViolations(result.response)).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBeGreaterThanOrEqual(200);
    expect(result.response.status).toBeLessThan(300);
    expect(result.data).toBeDefined();
    if ("picked" in result) expect(result.picked).toBeDefined();
  });
});
