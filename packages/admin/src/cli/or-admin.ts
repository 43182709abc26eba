import { parseCliArgs } from "./cli-args";
import { cliContext, type CliContext } from "./cli-context";
import { EXIT, UsageError } from "./cli-error";
import { exportCommand } from "./commands/export-command";
import { guardrailsListCommand } from "./commands/guardrails-commands";
import { keysDeleteCommand, keysListCommand, keysRotateCommand } from "./commands/keys-commands";
import { applyCommand, planCommand } from "./commands/state-commands";
import { failureMessage } from "./failure-message";
import { scrubKeys } from "./key-check";
import { packageVersion } from "./package-version";
import { USAGE } from "./usage";

/**
 * `or-admin`: plan and apply a desired state, list and rotate keys, list guardrails. Results go
 * to stdout (a table, or JSON with --json); progress, prompts and errors to stderr.
 */

const COMMANDS: Record<string, (context: CliContext) => Promise<number>> = {
  plan: planCommand,
  apply: applyCommand,
  "keys list": keysListCommand,
  "keys rotate": keysRotateCommand,
  "keys delete": keysDeleteCommand,
  "guardrails list": guardrailsListCommand,
  export: exportCommand,
};

function commandFor(words: string[]): ((context: CliContext) => Promise<number>) | undefined {
  return COMMANDS[words.slice(0, 2).join(" ")] ?? COMMANDS[words[0] ?? ""];
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (args.help || args.command.length === 0) {
    (args.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return args.help ? EXIT.ok : EXIT.error;
  }
  const command = commandFor(args.command);
  if (!command) throw new UsageError(`unknown command "${args.command.join(" ")}"`);
  return command(cliContext(args));
}

/** What the user sees for a failure: one or two lines; a stack only with OR_ADMIN_DEBUG=1. */
function report(error: unknown): void {
  const message = failureMessage(error, process.env.OR_ADMIN_DEBUG === "1");
  const keys = [process.env.OPENROUTER_MANAGEMENT_KEY, process.env.OPENROUTER_API_KEY];
  process.stderr.write(`or-admin: ${scrubKeys(message, keys)}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    report(error);
    process.exitCode = EXIT.error;
  },
);
