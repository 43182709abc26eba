// Entry for the command-line runtimes (Node, Bun, Deno): `<runtime> cli.mjs <apiBase> <name>`.
// Prints the run's summary as one JSON line on stdout; on failure, the error on stderr and exit 1.
import { runClient } from "../client";

interface CliGlobals {
  Deno?: { args: string[]; exit(code: number): never };
  process?: { argv: string[]; exit(code: number): never };
}

const g = globalThis as CliGlobals;
const args = g.Deno ? g.Deno.args : (g.process?.argv.slice(2) ?? []);
const exit = (code: number): never => (g.Deno ? g.Deno.exit(code) : g.process!.exit(code));
const [apiBase, runtime = "cli"] = args;

if (!apiBase) {
  console.error("usage: cli.mjs <apiBase> [runtime name]");
  exit(2);
}
try {
  console.log(JSON.stringify(await runClient(apiBase!, runtime)));
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  exit(1);
}
