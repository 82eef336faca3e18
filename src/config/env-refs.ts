// `${VAR}` references in config strings, substituted as OpenClaw does: upper-case names only, `$${VAR}` escapes.
import type { PathSegment } from "./path-syntax.js";

const REFERENCE = /\$?\$\{([A-Z_][A-Z0-9_]*)\}/g;

export interface Substituted {
  value: unknown;
  /** Paths of strings that hold a reference to an unset variable: accepted as written. */
  unresolved: PathSegment[][];
  missingVariables: string[];
}

export function hasEnvReference(value: string): boolean {
  REFERENCE.lastIndex = 0;
  for (const match of value.matchAll(REFERENCE)) if (!match[0].startsWith("$$")) return true;
  return false;
}

/** Returns a copy of `value` with every resolvable reference in string values replaced. Keys are left as written. */
export function substituteEnvRefs(value: unknown, env: NodeJS.ProcessEnv): Substituted {
  const unresolved: PathSegment[][] = [];
  const missing = new Set<string>();
  const walk = (node: unknown, path: PathSegment[]): unknown => {
    if (typeof node === "string") {
      let complete = true;
      const out = node.replace(REFERENCE, (whole, name: string) => {
        if (whole.startsWith("$$")) return whole.slice(1);
        const resolved = env[name];
        if (resolved === undefined || resolved === "") {
          complete = false;
          missing.add(name);
          return whole;
        }
        return resolved;
      });
      if (!complete) unresolved.push(path);
      return out;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node && typeof node === "object") {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) copy[key] = walk(child, [...path, key]);
      return copy;
    }
    return node;
  };
  return { value: walk(value, []), unresolved, missingVariables: [...missing] };
}
