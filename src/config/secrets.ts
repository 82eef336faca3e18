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

/**
 * Masks every string held, at any depth, under a key that names a secret (`apiKeys: { openai: "sk-…" }`,
 * `tokens: ["…"]`). `secretKey` says the value itself sits under such a key.
 */
export function maskSecrets(value: unknown, secretKey = false): unknown {
  if (typeof value === "string") return secretKey ? maskSecret(value) : value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secretKey));
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = maskSecrets(v, secretKey || isSecretKey(k));
    return copy;
  }
  return value;
}
