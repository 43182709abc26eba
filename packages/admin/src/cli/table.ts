/** Rows as an aligned text table with an upper-case header; empty cells show as `-`. */
export function renderTable(
  headers: string[],
  rows: Array<Array<string | number | null | undefined>>,
): string {
  const cells = rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined || cell === "" ? "-" : String(cell))),
  );
  // A fold, not Math.max(...cells): spreading many rows into a call overflows the stack.
  const widths = headers.map((h, i) =>
    cells.reduce((widest, row) => Math.max(widest, (row[i] ?? "").length), h.length),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers.map((h) => h.toUpperCase())), ...cells.map(line)].join("\n");
}
