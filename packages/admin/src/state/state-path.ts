export type PathSegment = string | number;

/** `["keys", 1, "limit"]` → `keys[1].limit`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === "number") return `${out}[${segment}]`;
    return out ? `${out}.${segment}` : segment;
  }, "");
}

/** An Ajv instance path (`/keys/1/limit`) as segments; digits are array indexes. */
export function parsePointer(pointer: string): PathSegment[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
