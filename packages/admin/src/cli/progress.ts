/**
 * Progress on stderr: one line rewritten in place on a terminal; elsewhere (CI logs, pipes) a
 * line now and then, so long runs show life without flooding the log.
 */
export class Progress {
  private last = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly enabled = true) {}

  /** `done` of `total` (or a running count when `total` is undefined). */
  update(label: string, done: number, total?: number): void {
    if (!this.enabled) return;
    const text = total === undefined ? `${label}: ${done}` : `${label}: ${done}/${total}`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${text}`);
      return;
    }
    const step = total === undefined ? 25 : Math.max(1, Math.ceil(total / 20));
    const bucket = Math.floor(done / step);
    if (bucket !== this.last || done === total) {
      this.last = bucket;
      process.stderr.write(`${text}\n`);
    }
  }

  /** Ends the in-place line with a final message. */
  finish(message: string): void {
    if (!this.enabled) return;
    process.stderr.write(this.tty ? `\r\x1b[2K${message}\n` : `${message}\n`);
  }
}
