// `pnpm fixtures:coverage`: which operations of the locked spec (overlays applied) have no
// fixture. Exits 1 when any is missing, so CI fails.
import { overlaidSpec } from "@or/scripts";
import { coverageComplete, fixtureCoverage, formatCoverage } from "../coverage";
import { fixturesDir, loadFixtures } from "../fixtures";

async function main(): Promise<number> {
  const dir = process.argv[2] ?? fixturesDir;
  const report = fixtureCoverage(await overlaidSpec(), loadFixtures(dir));
  console.log(formatCoverage(report));
  return coverageComplete(report) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`fixtures:coverage: ${error.message}`);
    process.exitCode = 1;
  },
);
