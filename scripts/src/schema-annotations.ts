/** JSON Schema's annotation keywords: they describe a schema, they do not constrain it. */
const ANNOTATIONS = new Set([
  "description",
  "title",
  "deprecated",
  "readOnly",
  "writeOnly",
  "example",
  "examples",
]);

/** An annotation keyword or an `x-` extension: beside a `$ref`, neither changes what it means. */
export const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith("x-");
