import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { fixturesDir, loadFixtures } from "../fixtures";
import type { SpecPaths } from "../operation-ids";
import { DEFAULT_UPSTREAM, startRecorder } from "../recorder";
import { startReplayServer } from "../replay-server";
import { adminEmulatorMode } from "../admin-emulator/cli-mode";

/**
 * `or-replay`: serve the fixtures (or record new ones) on 127.0.0.1 until SIGINT/SIGTERM. The first
 * line on stdout is the API base URL; everything else goes to stderr.
 */

type Values = Record<string, string | boolean | string[] | undefined>;
type OptionSpec = { type: "string" | "boolean"; short?: string; multiple?: boolean };

interface Running {
  url: string;
  close(): Promise<void>;
  /** One line for stderr: what is being served. */
  summary: string;
}

/**
 * One way to run the server. The first mode whose `flag` is given wins; the last mode (replay) has
 * none and is the default. A new mode (`--admin-emulator`) is one more entry in `MODES`.
 */
interface Mode {
  name: string;
  flag?: string;
  options: Record<string, OptionSpec>;
  /** `[flag, what it does]` lines for `--help`. */
  help: Array<[string, string]>;
  start(values: Values, listen: { port: number; host: string }): Promise<Running>;
}

class UsageError extends Error {
  override name = "UsageError";
}

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  port: { type: "string", short: "p" },
  host: { type: "string" },
  help: { type: "boolean", short: "h" },
};

const recordMode: Mode = {
  name: "record",
  flag: "record",
  options: {
    record: { type: "boolean" },
    upstream: { type: "string" },
    out: { type: "string" },
    spec: { type: "string" },
    "allow-origin": { type: "string", multiple: true },
  },
  help: [
    ["--record", "forward to the upstream and write a redacted fixture per request;"],
    ["", "only requests carrying the recorder token (printed at start, or"],
    ["", "$OR_RECORDER_TOKEN) are forwarded; OPENROUTER_API_KEY, when set,"],
    ["", "replaces their Authorization upstream"],
    ["--upstream <url>", `API base to forward to (default ${DEFAULT_UPSTREAM})`],
    ["--out <dir>", "where fixtures are written (default ./recorded-fixtures)"],
    ["--spec <file>", "the OpenAPI JSON document, to name operations (see below)"],
    ["--allow-origin <origin>", "a web origin allowed to call from a browser (repeatable;"],
    ["", "default: none, cross-origin requests are refused)"],
  ],
  async start(values, listen) {
    const fixturesOut = resolve(String(values.out ?? "recorded-fixtures"));
    const origins = values["allow-origin"];
    // One meaning in every mode: the OpenAPI document, from --spec or $OR_SPEC_PATH.
    const specPath = typeof values.spec === "string" ? values.spec : process.env.OR_SPEC_PATH;
    const recorder = await startRecorder({
      ...listen,
      fixturesDir: fixturesOut,
      ...(typeof values.upstream === "string" && { upstream: values.upstream }),
      ...(specPath && { spec: readSpec(specPath) }),
      ...(process.env.OPENROUTER_API_KEY && { apiKey: process.env.OPENROUTER_API_KEY }),
      ...(process.env.OR_RECORDER_TOKEN && { token: process.env.OR_RECORDER_TOKEN }),
      ...(Array.isArray(origins) && { allowedOrigins: origins }),
    });
    const upstream = typeof values.upstream === "string" ? values.upstream : DEFAULT_UPSTREAM;
    const token = process.env.OR_RECORDER_TOKEN
      ? "the token in OR_RECORDER_TOKEN"
      : `recorder token ${recorder.token}`;
    return {
      ...recorder,
      summary: `recording ${upstream} into ${fixturesOut}; requests must carry ${token} (as the API key)`,
    };
  },
};

const replayMode: Mode = {
  name: "replay",
  options: { fixtures: { type: "string" } },
  help: [["--fixtures <dir>", "fixtures to serve (default: the ones shipped with @or/testing)"]],
  async start(values, listen) {
    const dir = typeof values.fixtures === "string" ? resolve(values.fixtures) : fixturesDir;
    const fixtures = loadFixtures(dir);
    const server = await startReplayServer({ ...listen, fixtures, record: false });
    return { ...server, summary: `serving ${fixtures.length} fixtures from ${dir}` };
  },
};

/** Checked in order; replay, the default, stays last. */
const MODES: Mode[] = [recordMode, adminEmulatorMode, replayMode];

/**
 * Flags several modes take, with their one meaning: listed once in `--help`, not once per mode.
 * A shared flag missing here is listed with the first mode's text.
 */
const SHARED_HELP: Record<string, Array<[string, string]>> = {
  spec: [
    ["--spec <file>", "the OpenAPI JSON document (default $OR_SPEC_PATH): --record names"],
    ["", "operations from it (else from a built-in table); --admin-emulator"],
    ["", "checks requests and answers against it"],
  ],
};

type HelpLine = [string, string];

/** Names of options that more than one mode takes. */
function sharedOptions(): string[] {
  const names = MODES.flatMap((mode) => Object.keys(mode.options));
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

/** A mode's help without the lines of shared flags (and their continuation lines). */
function ownHelp(mode: Mode, shared: string[]): HelpLine[] {
  const out: HelpLine[] = [];
  let skipping = false;
  for (const [flag, text] of mode.help) {
    if (flag !== "") skipping = shared.some((name) => flag.split(/[ ,]/).includes(`--${name}`));
    if (!skipping) out.push([flag, text]);
  }
  return out;
}

function section(title: string, lines: HelpLine[]): string[] {
  if (lines.length === 0) return [];
  return ["", title, ...lines.map(([flag, text]) => `  ${flag.padEnd(24)}${text}`)];
}

function usage(): string {
  const shared = sharedOptions();
  const sharedLines = shared.flatMap(
    (name) =>
      SHARED_HELP[name] ??
      (MODES.flatMap((m) => m.help)
        .filter(([flag]) => flag.startsWith(`--${name}`))
        .slice(0, 1) as HelpLine[]),
  );
  const modeTitle = (mode: Mode) =>
    mode.flag ? `${mode.name} mode (--${mode.flag}):` : `${mode.name} mode (the default):`;
  const sharers = MODES.filter((m) => shared.some((name) => name in m.options)).map(
    (m) => `--${m.flag ?? m.name}`,
  );
  return [
    "Usage: or-replay [--port 0] [--host 127.0.0.1] [--fixtures dir]",
    "       or-replay --record [--upstream url] [--out dir] [--spec file] [--allow-origin origin]",
    "       or-replay --admin-emulator [--spec file] [--management-key key] [--seed file]",
    "",
    "Serves the OpenRouter API from fixtures under http://HOST:PORT/api/v1 and prints that URL",
    "as the first line of stdout. Runs until SIGINT or SIGTERM.",
    ...section("Any mode:", [
      ["-p, --port <n>", "port, 0 for a free one (default 0)"],
      ["--host <address>", "address to listen on (default 127.0.0.1)"],
      ["-h, --help", "this text"],
    ]),
    // The default mode first, then the others in the order they are checked.
    ...[...MODES.slice(-1), ...MODES.slice(0, -1)].flatMap((mode) =>
      section(modeTitle(mode), ownHelp(mode, shared)),
    ),
    ...section(`${sharers.join(" and ")}:`, sharedLines),
  ].join("\n");
}

function parse(argv: string[]): { mode: Mode; values: Values; port: number; host: string } {
  const options = Object.assign({}, COMMON_OPTIONS, ...MODES.map((m) => m.options));
  let values: Values;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false })
      .values as Values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const mode = MODES.find((m) => m.flag === undefined || values[m.flag] === true) as Mode;
  // A flag of another mode would be ignored: say so instead.
  const foreign = Object.keys(values).filter(
    (name) => !(name in COMMON_OPTIONS) && !(name in mode.options),
  );
  if (foreign.length > 0) {
    throw new UsageError(`--${foreign.join(", --")} cannot be used in ${mode.name} mode`);
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got ${String(values.port)}`);
  }
  return { mode, values, port, host: String(values.host ?? "127.0.0.1") };
}

function readSpec(file: string): SpecPaths {
  let text: string;
  try {
    text = readFileSync(resolve(file), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let spec: Partial<SpecPaths>;
  try {
    spec = JSON.parse(text) as Partial<SpecPaths>;
  } catch (error) {
    throw new UsageError(`${file} is not JSON (${(error as Error).message})`);
  }
  if (spec === null || typeof spec !== "object") {
    throw new UsageError(`${file} is not an OpenAPI document`);
  }
  if (!spec.paths || typeof spec.paths !== "object") {
    throw new UsageError(`${file} has no "paths": not an OpenAPI document`);
  }
  return spec as SpecPaths;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const { mode, values, port, host } = parse(argv);
  // Handlers go in before the URL is printed: a caller may signal as soon as it reads it.
  let running: Running | undefined;
  const stop = () => {
    if (!running) process.exit(0);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  running = await mode.start(values, { port, host });
  process.stdout.write(`${running.url}\n`);
  process.stderr.write(`or-replay: ${running.summary}; stop with Ctrl-C\n`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`or-replay: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${usage()}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
