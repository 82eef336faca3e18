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
