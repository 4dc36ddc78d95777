/** Assertions for the tests (node:assert/strict, re-exported under familiar names). */
import assert from "node:assert/strict";

export const assertEquals: <T>(actual: unknown, expected: T, message?: string) => void =
  assert.deepStrictEqual;
export const assertNotEquals = assert.notDeepStrictEqual;
export const assertMatch = assert.match;
export const assertThrows = assert.throws;
export const assertRejects = assert.rejects;
export function assert_(cond: unknown, message?: string): asserts cond {
  assert.ok(cond, message);
}
export { assert };
