import { parseArgs, type ParseArgsConfig } from "node:util";

/** A command line `or-spec` cannot run: its message is shown without a stack. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** `parseArgs` with a usage error instead of a TypeError on unknown flags. */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
