/**
 * An answer in the API's error shape, thrown by handlers: the server turns it into
 * `{ "error": { "code", "message" } }` with `status`.
 */
export class EmulatorHttpError extends Error {
  override name = "EmulatorHttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new EmulatorHttpError(400, message);
export const notFound = (message: string) => new EmulatorHttpError(404, message);
