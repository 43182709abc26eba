import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

const isPrism = (spec: TestSpecification) => spec.moduleId.endsWith("/prism.test.ts");

/** The Prism suite last: Prism boots in the background while the other files run. */
class PrismLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !isPrism(f)), ...sorted.filter(isPrism)];
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts Prism (about 30 s to read the spec) without waiting for it.
    globalSetup: ["test/support/prism-global-setup.ts"],
    sequence: { sequencer: PrismLast },
    // Tests must hold on a slow, loaded machine: no wall-clock margins, so the limit only catches a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
