/** The API's error body: `{ "error": { "code", "message" } }`. */
export interface ApiErrorBody {
  error: { code: number; message: string; metadata?: Record<string, unknown> };
}

/** An error body in the API's shape, for answers the server makes up (404, 401, fault statuses). */
export function apiError(code: number, message: string): ApiErrorBody {
  return { error: { code, message } };
}
