// Reads a value at a parsed path from a plain config object.
import type { PathSegment } from "./path-syntax.js";

export function getAtPath(root: unknown, path: readonly PathSegment[]): { found: boolean; value?: unknown } {
  let node: unknown = root;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (!Array.isArray(node) || segment >= node.length) return { found: false };
      node = node[segment];
    } else {
      if (!node || typeof node !== "object" || Array.isArray(node) || !Object.hasOwn(node, segment)) return { found: false };
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: node };
}

/** The value after setting (or, with `remove`, deleting) `path`, computed on a copy: what an edit must produce. */
export function withChange(root: unknown, path: readonly PathSegment[], change: { value: unknown } | { remove: true }): unknown {
  const copy = copyJson(root) as Record<string, unknown>;
  let node: any = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    if (node[segment] === undefined) node[segment] = typeof path[i + 1] === "number" ? [] : {};
    node = node[segment];
  }
  const last = path[path.length - 1]!;
  if ("remove" in change) {
    if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
    else delete node[last];
  } else node[last] = change.value;
  return copy;
}

// The two below stand in for structuredClone and util.isDeepStrictEqual on parsed config data (plain
// objects, arrays and primitives): loading Node's own comparison code costs ≈0.5 ms on every `config set`.

/** A deep copy of parsed data; a `__proto__` key stays an own property, as the parsers make it. */
export function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) Object.defineProperty(copy, key, { value: copyJson(child), writable: true, enumerable: true, configurable: true });
  return copy;
}

/** Deep equality of parsed data: the same keys in any order, the same elements in order, `Object.is` for the rest. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  const bRecord = b as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJson((a as Record<string, unknown>)[key], bRecord[key]));
}
