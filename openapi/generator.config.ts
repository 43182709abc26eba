/** How `pnpm generate` turns the overlaid spec into `@or/types`. */
export const generatorConfig = {
  /**
   * openapi-typescript options. `defaultNonNullable: false`: otherwise a property with a default
   * (`ChatRequest.stream` and 35 others) becomes required. `emptyObjectsUnknown: true`: otherwise
   * `{}` schemas become `Record<string, never>` and 28 types cannot be built.
   */
  openapiTypescript: {
    defaultNonNullable: false,
    emptyObjectsUnknown: true,
    alphabetize: false,
    additionalProperties: false,
    exportType: false,
  },
  /** `format: binary` is a file upload or download. */
  binaryType: "Blob",
  /**
   * Drop `example`/`examples` before generating: they were a third of the output as `@example`
   * JSDoc and slow every consumer's type-check; the descriptions stay.
   */
  stripExamples: true,
} as const;
