import { dirname } from "node:path";
import { nativeRuntime } from "../harness/native-runtimes";
import { processError, runProcess } from "../harness/run-process";
import type { Bundles } from "../harness/bundle";
import { summaryFromStdout, type RuntimeRun } from "./runtime-run";

/** `node cli.mjs`, with the Node that runs this harness. */
export function runNode(apiBase: string, bundles: Bundles): Promise<RuntimeRun> {
  return runCli("node", process.version, process.execPath, [bundles.cli, apiBase, "node"]);
}

/** `bun cli.mjs`. */
export async function runBun(apiBase: string, bundles: Bundles): Promise<RuntimeRun> {
  const bun = await nativeRuntime("bun");
  return runCli("bun", bun.version, bun.path, [bundles.cli, apiBase, "bun"]);
}

/**
 * `deno run` with network access to loopback only (`localhost` would not cover 127.0.0.1), no
 * prompt (fails fast instead of waiting on a TTY) and no config file lookup.
 */
export async function runDeno(apiBase: string, bundles: Bundles): Promise<RuntimeRun> {
  const deno = await nativeRuntime("deno");
  const args = [
    "run",
    "--no-prompt",
    "--no-config",
    "--allow-net=127.0.0.1",
    bundles.cli,
    apiBase,
    "deno",
  ];
  return runCli("deno", deno.version, deno.path, args);
}

async function runCli(
  runtime: string,
  version: string,
  command: string,
  args: string[],
): Promise<RuntimeRun> {
  const started = performance.now();
  const result = await runProcess(command, args, {
    cwd: dirname(args.find((a) => a.endsWith(".mjs")) ?? "."),
  });
  const ms = performance.now() - started;
  const summary = result.code === 0 ? summaryFromStdout(result.stdout) : undefined;
  if (!summary) throw processError(`${runtime} ${args.join(" ")}`, result);
  return { runtime, version, ms, summary };
}
