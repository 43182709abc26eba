import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { CliError } from "./cli-error";

export interface SecretEntry {
  name: string;
  hash: string;
  key: string;
}

/**
 * The `--secrets-out` file, opened before any change: one JSON object per line
 * (`{"name","hash","key"}`), each appended and flushed to disk (fsync) as soon as its key exists.
 */
export interface SecretsFile {
  path: string;
  /** Whether the file existed: then its content is kept and secrets are appended after it. */
  existed: boolean;
  append(entry: SecretEntry): Promise<void>;
  close(): Promise<void>;
}

const WHY: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its folder path is not a folder",
  EACCES: "it is not writable (permission denied)",
  EPERM: "it is not writable (operation not permitted)",
  ELOOP: "it is a symbolic link (refused: a link could send the secrets elsewhere)",
  EISDIR: "it is a folder",
  EROFS: "the file system is read-only",
};

/**
 * Opens (or creates) the secrets file for appending, mode 0600, never following a symbolic
 * link and never truncating: an existing file keeps its content and is narrowed to 0600. Throws
 * a `CliError` saying why when the file cannot be used, so the caller can stop before any change.
 */
export async function openSecretsFile(path: string): Promise<SecretsFile> {
  let file: FileHandle;
  let existed = true;
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW;
  try {
    try {
      file = await open(path, flags, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      existed = false;
      file = await open(path, flags | constants.O_CREAT | constants.O_EXCL, 0o600);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why = WHY[code] ?? (error as Error).message;
    throw new CliError(
      `--secrets-out ${path} cannot be used: ${why}${code === "ENOENT" ? ` (create ${dirname(path)} first)` : ""}. Nothing was changed.`,
    );
  }
  try {
    if (!(await file.stat()).isFile())
      throw new CliError(`--secrets-out ${path} is not a regular file. Nothing was changed.`);
    await file.chmod(0o600);
  } catch (error) {
    await file.close();
    throw error;
  }
  return {
    path,
    existed,
    async append(entry) {
      await file.appendFile(`${JSON.stringify(entry)}\n`);
      await file.sync();
    },
    close: () => file.close(),
  };
}
