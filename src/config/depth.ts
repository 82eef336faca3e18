// A limit on nesting: real configs are a few levels deep, and the code that walks them recurses.

export const MAX_NESTING = 200;

/** Whether `value` nests deeper than `limit` objects/arrays; iterative, so it cannot overflow the stack itself. */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}
