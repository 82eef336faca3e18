// Masks secret values (API keys, tokens, passwords) before anything prints them: by the key they sit under, by
// where they sit (env.vars), and by their shape (bearer tokens, URL passwords, AWS keys, long random strings).
import { hasEnvReference } from "./env-refs.js";

const MASK = "********";

/** Keys whose values are secrets: `apiKey`, `token`, `Authorization`, `Cookie`, `X-Api-Key`, `encryptKey`, `webhookUrl`. */
const SECRET_KEY = /(api[-_]?key|token|secret|password|passwd|passphrase|private[-_]?key|credential|authorization|cookie|webhook)/i;
/** `*-key`, `*_key`, `key` itself and camelCase `…Key` (encryptKey, signingKey). */
const KEY_SUFFIX = /(^|[-_.])key$|[a-z0-9]Key$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) || KEY_SUFFIX.test(key);
}

/** Whether everything at `path` is secret: under a secret-named key, or a variable under `env.vars` (or `env.NAME`). */
export function isSecretPath(path: readonly (string | number)[]): boolean {
  if (path.some((segment) => typeof segment === "string" && isSecretKey(segment))) return true;
  const [first, second] = path;
  if (first !== "env" || path.length < 2) return false;
  return second === "vars" ? path.length >= 3 : typeof second === "string" && /^[A-Z][A-Z0-9_]*$/.test(second);
}

/** A `${VAR}` reference names where the secret lives and is shown as written; a literal secret is masked. */
export function maskSecret(value: string): string {
  if (hasEnvReference(value)) return value;
  return MASK;
}

const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@\s:]*):([^/?#@\s]+)@/i;
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)\s+[^\s,;]+/gi;
const AWS_KEY_ID = /\b(AKIA|ASIA|ABIA|ACCA|AROA|AIDA)([A-Z0-9]{12})([A-Z0-9]{4})\b/g;
const SECRET_PARAM = /([?&](?:[a-z_-]*(?:key|token|secret|sig|signature|password|auth)[a-z_-]*)=)[^&#\s]+/gi;

/**
 * A string masked by its shape, wherever it sits: the password of a URL, the credential after `Bearer`, an AWS
 * access key id (its first and last four kept, as the doctor shows it), a secret query parameter, and a value
 * that is one long random-looking token (an AWS secret key, `sk-…`, `ghp_…`, a hex digest). Words, paths, model
 * ids, ARNs and UUIDs are left as they are.
 */
export function maskByShape(value: string): string {
  if (value.length < 16 || hasEnvReference(value)) return value;
  if (looksRandom(value)) return MASK;
  return value
    .replace(URL_PASSWORD, (_m, head: string) => `${head}:${MASK}@`)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${MASK}`)
    .replace(SECRET_PARAM, (_m, name: string) => `${name}${MASK}`)
    .replace(AWS_KEY_ID, (_m, prefix: string, _middle: string, last: string) => `${prefix}…${last}`);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** One token with no spaces that holds a long run of mixed letters and digits, or an AWS secret key's 40 characters. */
function looksRandom(value: string): boolean {
  if (/\s/.test(value) || value.length < 20) return false;
  if (value.length === 40 && /^[A-Za-z0-9/+]{40}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9/+]/.test(value)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith("/") || value.startsWith("arn:")) return false;
  for (const run of value.split(/[^A-Za-z0-9+/=]+/)) {
    for (const part of run.split("/")) {
      // Mixed through and through: a number written with an exponent (1365183007817396e+112) is not.
      if (part.length >= 16 && count(part, /[0-9]/g) >= 2 && count(part, /[A-Za-z]/g) >= 3) return true;
    }
  }
  return false;
}

/**
 * Masks every string held at `value`: all of it under a secret-named key at any depth (`apiKeys: { openai: "sk-…" }`,
 * `headers: { Authorization: … }`) or under `env.vars`; elsewhere what has a secret's shape. `path` is where
 * `value` sits in the config.
 */
export function maskSecrets(value: unknown, path: readonly (string | number)[] = []): unknown {
  return maskAt(value, isSecretPath(path), path);
}

function maskAt(value: unknown, secret: boolean, path: readonly (string | number)[]): unknown {
  if (typeof value === "string") return secret ? maskSecret(value) : maskByShape(value);
  if (Array.isArray(value)) return value.map((item, i) => maskAt(item, secret, [...path, i]));
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const at = [...path, k];
      copy[k] = maskAt(v, secret || isSecretPath(at), at);
    }
    return copy;
  }
  return value;
}

/** Text that quotes a value (an error message, a line of a file): every secret-shaped part masked. */
export function maskText(text: string): string {
  return text
    .replace(QUOTED_MEMBER, (member: string, head: string, _q: string, key: string, quote: string) => (isSecretKey(key) ? `${head}${quote}${MASK}${quote}` : member))
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${MASK}`)
    .replace(/[^\s"'`,;{}[\]()]{16,}/g, (word) => maskByShape(word));
}

/** `token: "…"`, `"apiKey": '…'` in a text: a quoted value after a key (the quote may be cut off at the end). */
const QUOTED_MEMBER = /((["']?)([A-Za-z_$][\w$-]*)\2\s*:\s*)(["'])(?:\\.|(?!\4)[^\\])*(?:\4|$)/g;
