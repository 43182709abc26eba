import { nativeRuntime } from "../harness/native-runtimes";
import { processError, runProcess } from "../harness/run-process";
import { configPathBeside, writeWorkerdConfig, type WorkerSpec } from "../harness/workerd-config";
import type { Bundles } from "../harness/bundle";
import type { RunSummary } from "../summary";
import { summaryFromStdout, type RuntimeRun } from "./runtime-run";

/** `workerd test` on the matrix worker, with the API base bound as `API_BASE`. */
export async function runWorkerd(apiBase: string, bundles: Bundles): Promise<RuntimeRun> {
  const worker = {
    name: "matrix",
    module: bundles.worker,
    fromEnvironment: { API_BASE: "OR_API_BASE" },
  };
  const run = await runWorkerdTest<RunSummary>("matrix", [worker], { OR_API_BASE: apiBase });
  return { runtime: "workerd", version: run.version, ms: run.ms, summary: run.value };
}

/**
 * Runs `workerd test` on a config of these workers (the first one's folder holds the config);
 * the worker with a `test()` handler must log one line `RUN_SUMMARY <json>`. workerd prints
 * `[ PASS ]`/`[ FAIL ]` and its own errors (such as refused connections) on stderr.
 */
export async function runWorkerdTest<T>(
  name: string,
  workers: WorkerSpec[],
  env: Record<string, string>,
): Promise<{ version: string; ms: number; value: T }> {
  const workerd = await nativeRuntime("workerd");
  const config = writeWorkerdConfig(configPathBeside(workers[0]!.module, name), workers);
  const started = performance.now();
  const result = await runProcess(workerd.path, ["test", config], { env });
  const ms = performance.now() - started;
  const value = result.code === 0 ? summaryFromStdout<T>(result.stdout, "RUN_SUMMARY ") : undefined;
  if (!value) throw processError(`workerd test ${config}`, result);
  return { version: workerd.version, ms, value };
}
