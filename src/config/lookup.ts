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
  const copy = structuredClone(root) as Record<string, unknown>;
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
