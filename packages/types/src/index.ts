/**
 * Types for the whole OpenRouter API, generated from its OpenAPI spec with our overlays.
 *
 * @example
 * import type { ChatRequest, ResponseBody } from "@or/types";
 * const request: ChatRequest = { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] };
 * type Models = ResponseBody<"getModels">["data"];
 *
 * @packageDocumentation
 */
export type { components, operations, paths } from "./generated/openapi.js";
export type * from "./generated/schemas.js";
export type { OperationIds } from "./generated/operation-ids.js";
export type * from "./operation-types.js";
