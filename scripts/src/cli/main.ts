import { parseArgs } from "node:util";
import { runCheck } from "./check.ts";
import { runFetch } from "./fetch.ts";
import { runGenerate } from "./generate.ts";

const USAGE = `Usage: or-spec <command> [options]

Commands:
  fetch [--from <url|path>]   Take the spec (default: the lock's local match, else its URL), cache it,
                              record source, sha256 and counts in openapi/openrouter.lock.json.
  generate                    Check the cached spec against the lock, apply overlays, write @or/types.
  check                       Fail when the lock, the cached spec or the generated types disagree.
`;

type Command = (args: string[]) => Promise<number>;
const commands: Record<string, Command> = {
  fetch: runFetch,
  generate: runGenerate,
  check: runCheck,
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

export class UsageError extends Error {
  override name = "UsageError";
}

/** `parseArgs` with a usage error instead of a TypeError on unknown flags. */
export function parseFlags<T extends Parameters<typeof parseArgs>[0]["options"]>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
