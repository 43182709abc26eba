import { createInterface } from "node:readline";

/**
 * Asks on stderr and reads one line from stdin: true for "y" or "yes". Closed or empty stdin
 * counts as no.
 */
export async function confirm(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<boolean> {
  process.stderr.write(`${question} [y/N] `);
  const lines = createInterface({ input, terminal: false });
  try {
    for await (const line of lines) return /^\s*(y|yes)\s*$/i.test(line);
    return false;
  } finally {
    lines.close();
  }
}
