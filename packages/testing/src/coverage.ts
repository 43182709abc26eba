import type { Fixture } from "./fixture-format";
import { indexOperations, type OpenApiSpec } from "./contract/operation-index";

/** How well the fixtures cover the operations of a spec. */
export interface CoverageReport {
  /** Operations in the spec. */
  operationCount: number;
  /** Operation ids with a default (non-explicit) 2xx fixture, which replay serves unasked. */
  covered: string[];
  /** Operations without one, with their method and path. */
  missing: { operationId: string; method: string; path: string }[];
  /** Fixtures whose operationId the spec does not have (renamed or removed operations). */
  unknown: string[];
  fixtureCount: number;
  successCount: number;
  /** Fixtures with an SSE response. */
  streamCount: number;
  /** Fixtures answering 4xx or 5xx. */
  errorCount: number;
}

const isSuccess = (fixture: Fixture) =>
  fixture.response.status >= 200 && fixture.response.status < 300;

/**
 * Compares fixtures with the spec's operations.
 * @example
 * const report = fixtureCoverage(spec, loadFixtures());
 * if (report.missing.length > 0) console.log(formatCoverage(report));
 */
export function fixtureCoverage(spec: OpenApiSpec, fixtures: Fixture[]): CoverageReport {
  const operations = indexOperations(spec);
  const served = new Set(
    fixtures.filter((f) => isSuccess(f) && !f.request.explicit).map((f) => f.operationId),
  );
  const ids = [...operations.keys()];
  return {
    operationCount: ids.length,
    covered: ids.filter((id) => served.has(id)),
    missing: ids
      .filter((id) => !served.has(id))
      .map((id) => {
        const { method, path } = operations.get(id)!;
        return { operationId: id, method, path };
      }),
    unknown: [...new Set(fixtures.map((f) => f.operationId).filter((id) => !operations.has(id)))],
    fixtureCount: fixtures.length,
    successCount: fixtures.filter(isSuccess).length,
    streamCount: fixtures.filter((f) => f.response.sse !== undefined).length,
    errorCount: fixtures.filter((f) => f.response.status >= 400).length,
  };
}

/** True when every operation is covered and no fixture names an unknown operation. */
export const coverageComplete = (report: CoverageReport) =>
  report.missing.length === 0 && report.unknown.length === 0;

/** The report as the `fixtures:coverage` command prints it. */
export function formatCoverage(report: CoverageReport): string {
  const lines = [
    `${report.covered.length}/${report.operationCount} operations covered`,
    `${report.fixtureCount} fixtures: ${report.successCount} success, ${report.streamCount} stream, ${report.errorCount} error`,
  ];
  if (report.missing.length > 0) {
    lines.push(`Operations without a default success fixture (${report.missing.length}):`);
    for (const m of report.missing) lines.push(`  ${m.operationId}  ${m.method} ${m.path}`);
  }
  if (report.unknown.length > 0) {
    lines.push(`Fixtures for operations the spec does not have (${report.unknown.length}):`);
    for (const id of report.unknown) lines.push(`  ${id}`);
  }
  return lines.join("\n");
}
