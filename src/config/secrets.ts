// Masks secret values (API keys, tokens, passwords) before `config get` prints them.
import { hasEnvReference } from "./env-refs.js";

const SECRET_KEY = /(api[-_]?key|token|secret|password|passwd|private[-_]?key|credential)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A `${VAR}` reference names where the secret lives and is shown as written; a literal secret is masked. */
export function maskSecret(value: string): string {
  if (hasEnvReference(value)) return value;
  return "********";
}

export function maskSecrets(value: unknown, key?: string): unknown {
  if (typeof value === "string") return key !== undefined && isSecretKey(key) ? maskSecret(value) : value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, key));
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = maskSecrets(v, isSecretKey(k) ? k : undefined);
    return copy;
  }
  return value;
}
