import type { LostSecret } from "../plan/read-back";
import { EXIT } from "./cli-error";
import type { CliContext } from "./cli-context";
import type { SecretHandOver } from "./secrets-handover";
import type { StopSignals } from "./stop-signals";

/**
 * Ends an apply or rotation that stopped: every secret created reaches the file or stdout, the
 * message (which says what exists) goes to stderr, and with `--json` the same as JSON on stdout.
 * Returns the exit code: 128 + the signal when one stopped it, else 1.
 */
export function reportStop(
  context: CliContext,
  error: Error & { lostSecrets: LostSecret[] },
  details: Record<string, unknown>,
  secrets: SecretHandOver,
  stop: StopSignals,
): number {
  const shown = secrets.finish();
  if (context.args.json) {
    const report = {
      error: error.message,
      ...details,
      createdKeys: shown,
      lostSecrets: error.lostSecrets,
    };
    context.out(JSON.stringify(report, null, 2));
  }
  context.err(`or-admin: ${error.message}`);
  return stop.exitCode() ?? EXIT.error;
}
