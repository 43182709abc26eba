// createContractValidator() without a spec uses the overlaid spec the build ships in dist/, which
// is the one @or/types is generated from; a raw or broken spec gives readable problems or a
// TypeError naming what is wrong, never a raw ajv exception.
import { readFileSync } from "node:fs";
import { lockedSpec, overlaidSpec } from "@or/scripts";
import { describe, expect, test } from "vitest";
import {
  createContractValidator,
  formatProblem,
  shippedSpec,
  shippedSpecPath,
  type OpenApiSpec,
} from "../src/contract/index";
import { fixtureKey, loadFixtures } from "../src/fixtures";

type Json = Record<string, any>;

const generatedHeader = readFileSync(
  new URL("../../types/src/generated/openapi.ts", import.meta.url),
  "utf8",
).slice(0, 300);

describe("the shipped spec", () => {
  test("is the locked spec with our overlays, the one @or/types is generated from", async () => {
    const { lock } = await lockedSpec();
    const shipped = shippedSpec() as Json;
    expect(shippedSpecPath()).toMatch(/dist[/\\]openrouter\.overlaid\.json$/);
    expect(shipped.info["x-or-locked-sha256"]).toBe(lock.sha256);
    expect(generatedHeader).toContain(`sha256 ${lock.sha256.slice(0, 16)}`);
    const { ["x-or-locked-sha256"]: _, ...info } = shipped.info;
    expect({ ...shipped, info }).toEqual(await overlaidSpec());
  });

  test("createContractValidator() with no spec checks every fixture like the overlaid spec does", async () => {
    const shipped = createContractValidator();
    const overlaid = createContractValidator((await overlaidSpec()) as OpenApiSpec);
    const summary = (c: typeof shipped) =>
      loadFixtures().flatMap((f) =>
        c.checkFixture(f).problems.map((p) => `${fixtureKey(f)}: ${formatProblem(p)}`),
      );
    const found = summary(shipped);
    expect(found).toEqual(summary(overlaid));
    expect(found).toEqual([
      "sendChatCompletionRequest/error-502-html: response.text content type text/html; charset=utf-8 is not declared for sendChatCompletionRequest 502",
    ]);
    expect(shipped.validateResponseBody("getCredits", 200, { data: {} }).length).toBe(2);
  });
});

describe("a spec that cannot be used", () => {
  test("the raw upstream spec: its 3.0-style bound is a readable problem, not an ajv exception", async () => {
    const { doc } = await lockedSpec();
    const contract = createContractValidator(doc as OpenApiSpec);
    const video = loadFixtures().find((f) => f.operationId === "createVideos")!;
    let found: string[] = [];
    expect(() => {
      found = contract.checkFixture(video).problems.map(formatProblem);
    }).not.toThrow();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^request\.body the spec's schema \/paths\/~1videos\/post\/requestBody\/content\/application~1json\/schema cannot be compiled, so nothing was checked against it: .*exclusiveMinimum value must be \["number"\]/,
    );
    expect(found[0]).toContain("call createContractValidator() without a spec");
    // The same problem again for the next body, and other operations still validate.
    expect(contract.validateRequestBody("createVideos", {}).map(formatProblem)).toEqual(found);
    expect(contract.validateResponseBody("getCredits", 200, { data: {} }).length).toBe(2);
  });

  test("a dangling $ref is a problem of the bodies checked against it", () => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/credits": {
          get: {
            operationId: "getCredits",
            responses: {
              200: {
                description: "ok",
                content: {
                  "application/json": { schema: { $ref: "#/components/schemas/Missing" } },
                },
              },
            },
          },
        },
      },
    };
    const problems = createContractValidator(spec).validateResponseBody("getCredits", 200, {});
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^response\.body the spec's schema .* cannot be compiled.*Missing/),
    ]);
  });

  test.each([
    [null, "spec must be an OpenAPI document, got null"],
    [[], "spec must be an OpenAPI document, got an array"],
    ["openapi.json", "spec must be an OpenAPI document, got string"],
    [
      { openapi: "3.0.3", paths: {} },
      'spec must be OpenAPI 3.1 (its schemas are JSON Schema 2020-12), got openapi: "3.0.3"',
    ],
    [{ swagger: "2.0" }, "got openapi: null"],
    [{ openapi: "3.1.0", paths: 7 }, "spec.paths must be an object"],
  ])("%j is a TypeError naming the problem", (spec, message) => {
    expect(() => createContractValidator(spec as never)).toThrow(TypeError);
    expect(() => createContractValidator(spec as never)).toThrow(message);
  });
});
