/**
 * Sets an own data property, as `JSON.parse` does: a key from the wire such as `__proto__` stays a
 * field and never reaches the prototype.
 */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
