// The demo's command line: flags, their checks and the usage text. A bad flag is a UsageError
// (one line and exit 2), never a stack trace.
import { parseArgs } from "node:util";

export const DEFAULT_MODEL = "openai/gpt-4o";
export const DEFAULT_PROMPT = "What does a lighthouse keeper do?";
export const DEFAULT_FIXTURE = "stream-text";
export const DEFAULT_PACE_MS = 80;
const MAX_PACE_MS = 5_000;

export const USAGE = `Usage: pnpm demo [options]

Streams a chat completion to the terminal as it arrives, then prints its model, finish reason,
tokens, cost and generation id.

Where it talks to:
  no OPENROUTER_API_KEY, no --base-url   a replay server of @or/testing started on 127.0.0.1,
                                         which replays a recorded stream (see --fixture)
  OPENROUTER_API_KEY set                 OpenRouter
  --base-url or OPENROUTER_BASE_URL      that API base, e.g. a running \`or-replay\`
                                         (with the key if set, else a placeholder key)

Options:
  --model <id>        model to ask (default ${DEFAULT_MODEL})
  --prompt <text>     the user message (default "${DEFAULT_PROMPT}")
  --base-url <url>    API base URL (default: OPENROUTER_BASE_URL, else OpenRouter)
  --fixture <name>    replay: the recorded chat stream to play (default ${DEFAULT_FIXTURE});
                      with --base-url, asks that server for it (x-or-fixture header)
  --pace <ms>         replay: pause between recorded chunks (default ${DEFAULT_PACE_MS}, 0 for none;
                      the recording keeps no timing)
  -h, --help          this text

In replay mode the answer is the recording: --prompt and --model are sent, and do not change it.`;

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface DemoArgs {
  help: boolean;
  model: string;
  prompt: string;
  /** Set when given by flag or OPENROUTER_BASE_URL. */
  baseUrl?: string;
  fixture: string;
  /** Whether `--fixture` was given (then it is asked for from a `--base-url` server too). */
  fixtureGiven: boolean;
  paceMs: number;
  /** Flags given that replay mode does not act on. */
  ignoredInReplay: string[];
  /** Whether `--pace` was given (it only paces the demo's own replay server). */
  paceGiven: boolean;
}

/** Parses and checks the demo's flags. */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv): DemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      // `pnpm demo -- --flag` passes the `--` on.
      args: argv[0] === "--" ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        model: { type: "string" },
        prompt: { type: "string" },
        "base-url": { type: "string" },
        fixture: { type: "string" },
        pace: { type: "string" },
      },
    }));
  } catch (error) {
    // parseArgs' messages name the flag; its hint about `--` does not apply to the demo.
    const message = (error as Error).message.split(/\. To specify| To specify/)[0]!;
    throw new UsageError(message.endsWith(".") ? message : `${message}.`);
  }
  const baseUrl = values["base-url"] ?? (env.OPENROUTER_BASE_URL || undefined);
  if (baseUrl !== undefined)
    checkUrl(baseUrl, values["base-url"] ? "--base-url" : "OPENROUTER_BASE_URL");
  for (const name of ["model", "prompt", "fixture"] as const) {
    if (values[name] !== undefined && values[name].trim() === "")
      throw new UsageError(`--${name} must not be empty.`);
  }
  return {
    help: values.help ?? false,
    model: values.model ?? DEFAULT_MODEL,
    prompt: values.prompt ?? DEFAULT_PROMPT,
    baseUrl,
    fixture: values.fixture ?? DEFAULT_FIXTURE,
    fixtureGiven: values.fixture !== undefined,
    paceMs: values.pace === undefined ? DEFAULT_PACE_MS : paceMs(values.pace),
    paceGiven: values.pace !== undefined,
    ignoredInReplay: (["model", "prompt"] as const)
      .filter((name) => values[name] !== undefined)
      .map((name) => `--${name}`),
  };
}

function checkUrl(value: string, name: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an http(s) URL, got "${value}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`${name} must be an http(s) URL, got "${value}".`);
}

function paceMs(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(ms <= MAX_PACE_MS))
    throw new UsageError(
      `--pace must be an integer from 0 to ${MAX_PACE_MS} (ms), got "${value}".`,
    );
  return ms;
}
