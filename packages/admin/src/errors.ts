/**
 * A call to `@or/admin` with arguments it cannot use (checked before any request). A
 * `TypeError`, whose message names the option.
 */
export class AdminArgumentError extends TypeError {
  override name = "AdminArgumentError";
}
