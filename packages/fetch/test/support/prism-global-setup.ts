import type { TestProject } from "vitest/node";
import { launchPrism, type PrismInfo } from "./prism-launcher.js";

declare module "vitest" {
  export interface ProvidedContext {
    prism: PrismInfo;
  }
}

/** Starts Prism for `prism.test.ts` before any test runs, without waiting for it. */
export default async function setup(project: TestProject) {
  const prism = await launchPrism();
  project.provide("prism", { url: prism.url, specPath: prism.specPath, logPath: prism.logPath });
  return () => prism.close();
}
