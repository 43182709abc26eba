/** A call to `@or/admin` with arguments it cannot use (checked before any request). */
export class AdminArgumentError extends Error {
  override name = "AdminArgumentError";
}
