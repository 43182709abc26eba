import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { runProcess } from "./run-process";

/** The runtimes shipped as npm packages whose `postinstall` script puts the real binary in place. */
export type NativeRuntime = "bun" | "deno" | "workerd";

/** Where each package keeps its binary once installed, and the script that puts it there. */
const LAYOUT: Record<NativeRuntime, { binary: string; installScript: string }> = {
  bun: { binary: "bin/bun.exe", installScript: "install.js" },
  deno: { binary: "deno", installScript: "install.cjs" },
  workerd: { binary: "bin/workerd", installScript: "install.js" },
};

export interface RuntimeBinary {
  path: string;
  /** The first line of `--version`. */
  version: string;
}

const require = createRequire(import.meta.url);

/**
 * The runtime's binary, ready to run. pnpm runs no `postinstall` script of a package missing
 * from `onlyBuiltDependencies`, which leaves Bun with a placeholder and Deno without its binary;
 * then the package's own script is run here once, as `node <script>` in the package folder.
 */
export async function nativeRuntime(name: NativeRuntime): Promise<RuntimeBinary> {
  const dir = dirname(require.resolve(`${name}/package.json`));
  const { binary, installScript } = LAYOUT[name];
  const path = join(dir, binary);
  const first = await versionOf(path);
  if (first.ok) return { path, version: first.text };
  const install = await runProcess(process.execPath, [installScript], {
    cwd: dir,
    timeoutMs: 120_000,
  });
  const second = await versionOf(path);
  if (second.ok) return { path, version: second.text };
  throw new Error(
    `${name}: no working binary at ${path} (${first.text}). Running its postinstall script ` +
      `(cd ${dir} && node ${installScript}) did not fix it: exit ${install.code}\n${install.stdout}${install.stderr}\n` +
      `After it: ${second.text}. Add "${name}" to onlyBuiltDependencies in pnpm-workspace.yaml and reinstall.`,
  );
}

async function versionOf(path: string): Promise<{ ok: boolean; text: string }> {
  if (!existsSync(path)) return { ok: false, text: "missing" };
  try {
    const result = await runProcess(path, ["--version"], { timeoutMs: 30_000 });
    // First line, without Deno's build details: "deno 2.9.6 (stable, release, …)" → "deno 2.9.6".
    const text = (result.stdout.trim() || result.stderr.trim())
      .split("\n")[0]!
      .replace(/ \(.*$/, "");
    return { ok: result.code === 0, text };
  } catch (error) {
    return { ok: false, text: (error as Error).message };
  }
}
