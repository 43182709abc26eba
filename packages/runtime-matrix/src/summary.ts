import type { AgentSummary } from "./agent-loop";
import type { StreamSummary } from "./stream-summary";

/** What a runtime reports after `runClient`: plain JSON, compared with the fixtures' values. */
export interface RunSummary extends StreamSummary {
  /** Which runtime produced it, as the runner named it. */
  runtime: string;
  /** The engine as it reports itself (see `engineName`). */
  engine: string;
  /** `GET /models`: the ids in order. */
  modelIds: string[];
  /** `X-Generation-Id` of the streamed response. */
  generationId: string | null;
  /** The two-step tool loop of `@or/agent`. */
  agent: AgentSummary;
}
