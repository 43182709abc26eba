import { errorFromResponse } from "./errors";

/** The shape every openapi-fetch call resolves to. */
export interface FetchResult<Data, Error> {
  data?: Data;
  error?: Error;
  response: Response;
}

/**
 * The data of a call, or a thrown `OpenRouterError` subclass: for those who prefer exceptions.
 * @example
 * const models = await unwrap(client.GET("/models"));
 * console.log(models.data.length);
 */
export async function unwrap<Data, Error>(
  result: FetchResult<Data, Error> | Promise<FetchResult<Data, Error>>,
): Promise<Data> {
  const { data, error, response } = await result;
  if (!response.ok || error !== undefined) throw errorFromResponse(response, error);
  return data as Data;
}
