import { describe, expect, test } from "vitest";
import { modelsRss } from "../../openapi/overlays/models-rss.ts";
import { getOperation, specWith } from "./support/documents.ts";
import { HISTORY, historySpecPath, readSpec } from "./support/shared-specs.ts";

describe("models-rss", () => {
  test("GET /models declaring only JSON gets an RSS answer too", () => {
    const doc = specWith({ paths: { "/models": { get: getOperation("getModels") } } });
    const content = doc.paths["/models"].get.responses[200].content;
    expect(Object.keys(content)).toEqual(["application/json"]);
    expect(modelsRss.apply(doc)).toBe(1);
    expect(content["application/rss+xml"]).toEqual({
      schema: { type: "string", description: "RSS 2.0 feed of models." },
    });
    expect(modelsRss.apply(doc)).toBe(0);
  });

  test("a document without GET /models is left alone", () => {
    const doc = specWith({ paths: { "/other": { get: getOperation("other") } } });
    expect(modelsRss.apply(doc)).toBe(0);
  });

  // Upstream declares the feed itself in every snapshot we have: the overlay is a no-op kept as
  // a guard. This test fails (and tells) if upstream drops the declaration again.
  test.each([undefined, ...HISTORY.map(historySpecPath)])("%s already declares RSS", (path) => {
    const doc = readSpec(path);
    expect(doc.paths["/models"].get.responses[200].content).toHaveProperty("application/rss+xml");
    expect(modelsRss.apply(doc)).toBe(0);
  });
});
