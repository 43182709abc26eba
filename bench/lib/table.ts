/** One row of the table: our number against each peer's, for one benchmark. */
export interface Row {
  benchmark: string;
  unit: "kB" | "ms" | "s" | "MiB" | "MB/s" | "µs";
  /** Whether smaller numbers are better (sizes, times, memory) or larger ones (throughput). */
  better: "lower" | "higher";
  ours?: number;
  sdk?: number;
  openai?: number;
  /** The hand-written floor: bare `fetch`, or eventsource-parser + `JSON.parse`. */
  floor?: number;
  goal?: string;
  /** undefined when the row has no goal or a number is missing. */
  met?: boolean;
}

const PEERS = ["sdk", "openai", "floor"] as const;

/** ours ÷ peer, or undefined when either is missing or the peer is 0. */
export function ratio(row: Row, peer: (typeof PEERS)[number]): number | undefined {
  const theirs = row[peer];
  if (row.ours === undefined || theirs === undefined || theirs === 0) return undefined;
  return row.ours / theirs;
}

function value(n: number | undefined, unit: Row["unit"]): string {
  if (n === undefined) return "–";
  const digits = unit === "kB" || unit === "s" ? 2 : unit === "µs" ? 0 : 1;
  return `${n.toFixed(digits)} ${unit}`;
}

function times(n: number | undefined): string {
  return n === undefined ? "–" : `${n.toFixed(2)}×`;
}

/** The table as markdown. Ratios are ours ÷ theirs; the `better` column says which way is good. */
export function markdownTable(rows: Row[]): string {
  const lines = [
    "| benchmark | better | ours | @openrouter/sdk | openai | floor | ours ÷ sdk | ours ÷ openai | ours ÷ floor | goal | met |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
  ];
  for (const row of rows) {
    const met = row.met === undefined ? "" : row.met ? "yes" : "**no**";
    lines.push(
      `| ${row.benchmark} | ${row.better} | ${value(row.ours, row.unit)} | ${value(row.sdk, row.unit)} | ${value(row.openai, row.unit)} | ${value(row.floor, row.unit)} | ${times(ratio(row, "sdk"))} | ${times(ratio(row, "openai"))} | ${times(ratio(row, "floor"))} | ${row.goal ?? ""} | ${met} |`,
    );
  }
  return lines.join("\n");
}
