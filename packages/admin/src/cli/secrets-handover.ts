import { reasonOf } from "../reason";
import type { CliContext } from "./cli-context";
import { openSecretsFile, type SecretEntry, type SecretsFile } from "./secrets-file";

/**
 * Where the secrets of new keys go, each as soon as its key exists: appended to `--secrets-out`
 * (0600, fsync), else printed on stdout at once (with `--json`, in the final JSON). When writing
 * the file fails, `take` throws (the caller stops) and `rescue` prints every secret created.
 */
export class SecretHandOver {
  readonly created: SecretEntry[] = [];
  private failure: unknown;
  private headed = false;

  private constructor(
    private readonly context: CliContext,
    private readonly file: SecretsFile | undefined,
    private readonly single: boolean,
  ) {}

  /** Opens `--secrets-out` (when given) before any change; a path that cannot be used throws. */
  static async open(context: CliContext, single = false): Promise<SecretHandOver> {
    const path = context.args.secretsOut;
    const file = path === undefined ? undefined : await openSecretsFile(path);
    if (file) {
      context.err(
        file.existed
          ? `Secrets of new keys will be appended to ${file.path} (it exists: its content is kept; mode set to 0600).`
          : `Secrets of new keys will be written to ${file.path} (new file, mode 0600), one JSON line each.`,
      );
    }
    return new SecretHandOver(context, file, single);
  }

  /** A hand-over to a file already open (tests use it to make the file fail). */
  static withFile(context: CliContext, file: SecretsFile): SecretHandOver {
    return new SecretHandOver(context, file, false);
  }

  get toFile(): boolean {
    return this.file !== undefined && this.failure === undefined;
  }

  /** Stores one secret now; throws when the file cannot take it. */
  readonly take = async (entry: SecretEntry): Promise<void> => {
    this.created.push(entry);
    if (this.file) {
      if (this.failure !== undefined) throw new Error(`writing ${this.file.path} failed before`);
      try {
        await this.file.append(entry);
      } catch (error) {
        this.failure = error;
        throw new Error(`could not write to ${this.file.path}: ${reasonOf(error)}`);
      }
      return;
    }
    if (this.context.args.json) return;
    if (this.single) {
      this.context.out(`New secret of key ${entry.hash} (shown this once): ${entry.key}`);
      return;
    }
    if (!this.headed)
      this.context.out("\nNew keys (their secrets are shown this once; store them now):");
    this.headed = true;
    this.context.out(`  ${entry.name}  ${entry.key}`);
  };

  /**
   * At the end, success or not: when the file failed, prints every secret created on stdout,
   * so none is lost. Returns what `--json` output should hold.
   */
  finish(): Array<Partial<SecretEntry>> {
    if (this.file && this.failure !== undefined && this.created.length > 0) {
      this.context.err(
        `or-admin: could not write the secrets to ${this.file.path} (${reasonOf(this.failure)}). ` +
          `The secrets of the ${this.created.length} key(s) created are printed on stdout: store them now.`,
      );
      if (!this.context.args.json)
        for (const k of this.created) this.context.out(`  ${k.name}  ${k.hash}  ${k.key}`);
      return this.created;
    }
    if (this.file) {
      if (this.created.length > 0)
        this.context.err(
          `Wrote the secrets of ${this.created.length} new key(s) to ${this.file.path} (mode 0600): ` +
            `${this.created.map((k) => `"${k.name}" ${k.hash}`).join(", ")}.`,
        );
      return this.created.map(({ name, hash }) => ({ name, hash }));
    }
    return this.created;
  }

  close(): Promise<void> {
    return this.file?.close() ?? Promise.resolve();
  }
}
