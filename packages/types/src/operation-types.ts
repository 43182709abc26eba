import type { operations } from "./generated/openapi.js";

/** Every operation id of the API (`"sendChatCompletionRequest"`, `"getModels"`, …). */
export type OperationId = keyof operations;

/** HTTP statuses that carry a successful answer. */
export type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

type Responses<Op extends OperationId> = operations[Op]["responses"];
type ContentOf<R> = R extends { content: infer C } ? C : never;
/** JSON when the operation offers it, else the operation's only media type. */
type Preferred<C> = [C] extends [never]
  ? never
  : C extends { "application/json": infer J }
    ? J
    : C[keyof C];

/**
 * The JSON request body of an operation.
 * @example
 * const body: RequestBody<"sendChatCompletionRequest"> = { model: "openai/gpt-4o", messages: [] };
 */
export type RequestBody<Op extends OperationId> = Preferred<
  ContentOf<NonNullable<operations[Op]["requestBody"]>>
>;

/**
 * The body of an operation's successful answer (JSON where offered).
 * @example
 * type Models = ResponseBody<"getModels">["data"];
 */
export type ResponseBody<
  Op extends OperationId,
  Status extends keyof Responses<Op> = Extract<keyof Responses<Op>, SuccessStatus>,
> = Preferred<ContentOf<Responses<Op>[Status]>>;

/** The union of an operation's error bodies (every 4xx and 5xx it declares). */
export type ErrorBody<Op extends OperationId> = Preferred<
  ContentOf<Responses<Op>[Exclude<keyof Responses<Op>, SuccessStatus>]>
>;

type Parameters<Op extends OperationId> = operations[Op]["parameters"];
/** Query parameters of an operation. */
export type QueryParams<Op extends OperationId> = NonNullable<Parameters<Op>["query"]>;
/** Path parameters of an operation. */
export type PathParams<Op extends OperationId> = NonNullable<Parameters<Op>["path"]>;
/** Header parameters of an operation (attribution headers included). */
export type HeaderParams<Op extends OperationId> = NonNullable<Parameters<Op>["header"]>;
