import { OpenRouterError } from "@or/fetch";
import { AdminArgumentError } from "../errors";
import { ApplyError } from "../plan/apply-error";
import { PlanError } from "../plan/plan-types";
import { RotationError } from "../rotation";
import { MissingSecretError } from "../state/env-secrets";
import { StateError } from "../state/state-error";
import { CliError, UsageError } from "./cli-error";

/** What a failed system call means, in words, for the codes a user meets with a file. */
const SYSTEM_ERRORS = new Map([
  ["ENOENT", "no such file"],
  ["EISDIR", "it is a directory, not a file"],
  ["ENOTDIR", "a part of the path is not a directory"],
  ["EACCES", "permission denied"],
  ["EPERM", "operation not permitted"],
  ["ECONNREFUSED", "connection refused"],
  ["ENOTFOUND", "host not found"],
]);

interface SystemError extends Error {
  code?: unknown;
  path?: unknown;
  address?: unknown;
  port?: unknown;
}

function systemDetail(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as SystemError;
  if (typeof code !== "string") return undefined;
  const words = SYSTEM_ERRORS.get(code) ?? code;
  return typeof path === "string" ? `cannot read ${path}: ${words}` : words;
}

/**
 * A file that could not be read, as a one-line `CliError` naming `path` (some system errors,
 * `EISDIR` for one, do not carry the path); any other error is returned as it is.
 */
export function fileFailure(path: string, error: unknown): unknown {
  if (!(error instanceof Error) || typeof (error as SystemError).code !== "string") return error;
  const code = String((error as SystemError).code);
  return new CliError(`cannot read ${path}: ${SYSTEM_ERRORS.get(code) ?? code}`, { cause: error });
}

/** The innermost cause's words: `fetch failed` alone says nothing, its cause says why. */
function causeDetail(error: Error): string | undefined {
  let cause: unknown = error.cause;
  let detail: string | undefined;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    detail = systemDetail(cause) ?? cause.message;
    cause = cause.cause;
  }
  return detail;
}

/** Errors whose message is written for the user as it is: no class name, no cause. */
const OUR_ERRORS = [
  StateError,
  PlanError,
  ApplyError,
  RotationError,
  MissingSecretError,
  AdminArgumentError,
  OpenRouterError,
  UsageError,
  CliError,
];

/**
 * The one or two lines `or-admin` prints for a failure: the error's own message for errors we
 * raise, a plain sentence for a file or network failure, and a stack trace only when `debug`
 * (`OR_ADMIN_DEBUG=1`) asks for one.
 */
export function failureMessage(error: unknown, debug = false): string {
  if (!(error instanceof Error)) return String(error);
  if (debug && error.stack) return error.stack;
  const ours = OUR_ERRORS.some((ErrorClass) => error instanceof ErrorClass);
  if (ours) return error.message;
  const system = systemDetail(error);
  if (system) return system;
  const cause = causeDetail(error);
  const head = error.name === "Error" ? error.message : `${error.name}: ${error.message}`;
  return cause ? `${head} (${cause})` : head;
}
