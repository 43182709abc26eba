import {
  createContractValidator,
  DEFAULT_UPSTREAM,
  shippedSpec,
  startRecorder,
  type Fixture,
  type SpecPaths,
} from "../src/index";
import { scriptedCalls } from "./calls";
import { driftsOf, fixtureFor, formatDriftReport, type CallOutcome } from "./drift-report";
import { runCall } from "./run-calls";

export interface LiveContractOptions {
  /** The API to check. Default `https://openrouter.ai/api/v1`. */
  baseUrl?: string;
  /** Default `openai/gpt-4o-mini`. */
  model?: string;
  /** Where the recorder writes the redacted fixtures. */
  out: string;
  /** The real key, sent upstream by the recorder; required for the real API. */
  apiKey?: string;
}

export interface LiveContractResult {
  report: string;
  drifted: boolean;
  outcomes: CallOutcome[];
  out: string;
}

/** How many event-loop turns to wait for the recorder to finish writing the last fixtures. */
const SETTLE_TURNS = 2_000;

/** The key lent to a stand-in upstream when no real one is given (never to openrouter.ai). */
const STAND_IN_KEY = `sk-or-v1-${"0".repeat(64)}`;

/**
 * Makes the scripted calls through a recorder in front of `baseUrl`, then checks each answer
 * and its recorded (redacted) fixture against the spec and the SDK's expectations.
 */
export async function runLiveContract(options: LiveContractOptions): Promise<LiveContractResult> {
  const baseUrl = (options.baseUrl ?? DEFAULT_UPSTREAM).replace(/\/+$/, "");
  if (!/^https?:\/\//.test(baseUrl)) throw new TypeError(`--base-url is not a URL: ${baseUrl}`);
  if (new URL(baseUrl).hostname.endsWith("openrouter.ai") && !options.apiKey) {
    throw new TypeError(`OPENROUTER_API_KEY must be set to check ${baseUrl}`);
  }
  const spec = shippedSpec();
  const contract = createContractValidator(spec);
  const calls = scriptedCalls(options.model ?? "openai/gpt-4o-mini");
  const recorder = await startRecorder({
    fixturesDir: options.out,
    upstream: baseUrl,
    // A stand-in for OpenRouter (or-replay) still wants a key-shaped bearer token.
    apiKey: options.apiKey ?? STAND_IN_KEY,
    spec: spec as SpecPaths,
  });
  const partial: Omit<CallOutcome, "drifts">[] = [];
  try {
    for (const call of calls) {
      try {
        partial.push({ call, answer: await runCall(recorder.url, recorder.token, call) });
      } catch (error) {
        partial.push({ call, failure: (error as Error).message });
      }
    }
    await settled(() => recorder.recorded.length + recorder.problems.length >= calls.length);
  } finally {
    await recorder.close();
  }
  const recorded: Fixture[] = recorder.recorded.map((r) => r.fixture);
  const secrets = options.apiKey ? [options.apiKey] : [];
  const outcomes = partial.map((o) => {
    const withFixture = { ...o, fixture: fixtureFor(o.call, recorded) };
    return { ...withFixture, drifts: driftsOf(withFixture, contract, secrets) };
  });
  const specSha = (spec.info as Record<string, unknown> | undefined)?.["x-or-locked-sha256"];
  return {
    report: formatDriftReport(outcomes, {
      baseUrl,
      specSha: typeof specSha === "string" ? specSha : undefined,
      recorderProblems: recorder.problems,
    }),
    drifted: outcomes.some((o) => o.drifts.length > 0) || recorder.problems.length > 0,
    outcomes,
    out: options.out,
  };
}

/** Waits (a bounded number of event-loop turns) until `done()` holds. */
async function settled(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < SETTLE_TURNS && !done(); turn++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
