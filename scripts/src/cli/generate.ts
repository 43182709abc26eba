import { performance } from "node:perf_hooks";
import { generateTypes, writeGenerated } from "../generate.ts";
import { generatedDir } from "../paths.ts";
import { lockedSpec } from "../spec-cache.ts";

export async function runGenerate(): Promise<number> {
  const started = performance.now();
  const { doc, lock } = await lockedSpec();
  const { files, stats } = await generateTypes(doc, lock.sha256);
  writeGenerated(files);
  const ms = Math.round(performance.now() - started);
  console.log(
    `Generated ${Object.keys(files).length} files into ${generatedDir} in ${ms} ms ` +
      `(${lock.operations} operations, ${lock.schemas} schemas, ${stats.examplesStripped} examples stripped).`,
  );
  return 0;
}
