const USAGE = `Usage: or-spec <command> [options]

Commands:
  fetch [--from <url|path>]   Take the spec (default: the lock's local match, else its URL), cache it,
                              record source, sha256 and counts in openapi/openrouter.lock.json.
  generate                    Check the cached spec against the lock, apply overlays, write @or/types.
  check                       Fail when the lock, the cached spec or the generated types disagree.
  diff [<old>] <new> [--json] [--fail-on-breaking]
                              Compare two specs (paths or URLs; with one, the locked spec is <old>):
                              operations, parameters, properties, enums, schemas, each change
                              classified breaking or not, and the semver bump per package.
                              Markdown, or JSON with --json; exit 2 on breaking changes with
                              --fail-on-breaking.
  update [--from <url|path>] [--skip-checks] [--base-optional] [--report <file>] [--timeout <ms>]
                              Fetch the spec; if it changed, diff it against the lock, regenerate,
                              run typecheck and contract tests (unless --skip-checks), write a
                              changeset and update the lock. --report writes the summary and the
                              check results as Markdown (a pull request body); --base-optional
                              goes on (bumping every package major) when the locked spec is not
                              available. Exit 1 if a check failed (the changeset is still
                              written, for review).
`;

type Command = (args: string[]) => Promise<number>;
// Loaded on demand: only `generate`, `check` and `update` need the generator and TypeScript.
const commands: Record<string, Command> = {
  fetch: async (args) => (await import("./fetch.ts")).runFetch(args),
  generate: async () => (await import("./generate.ts")).runGenerate(),
  check: async () => (await import("./check.ts")).runCheck(),
  diff: async (args) => (await import("./diff.ts")).runDiff(args),
  update: async (args) => (await import("./update.ts")).runUpdate(args),
};

/** Entry point of `or-spec`; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(
      name && name !== "--help" ? `Unknown command: ${name}\n\n${USAGE}` : USAGE,
    );
    return name && name !== "--help" ? 1 : 0;
  }
  try {
    return await command(rest);
  } catch (error) {
    const e = error as Error;
    // Known failures carry a message written for users; anything else keeps its stack.
    const known = ["SpecLockError", "SpecSourceError", "SpecFormatError", "UsageError"].includes(
      e.name,
    );
    process.stderr.write(`or-spec ${name}: ${known ? e.message : (e.stack ?? e.message)}\n`);
    return 1;
  }
}
