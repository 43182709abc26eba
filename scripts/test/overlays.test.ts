import { describe, expect, test } from "vitest";
import { applyOverlays, overlays } from "../../openapi/overlays/index.ts";
import { HISTORY, historySpecPath, readSpec } from "./support/shared-specs.ts";

describe("applyOverlays", () => {
  test("every overlay has a name and says what defect it fixes", () => {
    const names = overlays.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    for (const overlay of overlays) expect(overlay.description.length).toBeGreaterThan(20);
  });

  test("the input document is not changed", () => {
    const doc = readSpec();
    const before = JSON.stringify(doc);
    const { doc: overlaid } = applyOverlays(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(JSON.stringify(overlaid)).not.toBe(before);
  });

  test.each([undefined, ...HISTORY.map(historySpecPath)])(
    "%s: applied twice, the second pass changes nothing",
    (path) => {
      const once = applyOverlays(readSpec(path));
      const twice = applyOverlays(once.doc);
      expect(Object.values(once.changes).reduce((a, b) => a + b)).toBeGreaterThan(0);
      expect(twice.changes).toEqual(Object.fromEntries(overlays.map((o) => [o.name, 0])));
      expect(twice.doc).toEqual(once.doc);
    },
  );
});
